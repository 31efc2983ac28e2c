import type { DomainLabels } from '../shared/domain-labels.ts';
import type { EntityScore } from '../store/stored-customer.ts';
import type { CompanyScore } from '../store/stored-company.ts';
import type { PageScore } from '../shared/protocol.ts';
import type { BadgeView } from './badge.ts';
import { churnLevel } from '../../core/index.ts';
import { matchedOn } from '../match/keys.ts';
import { knownChurnRisk } from '../store/known-churn-risk.ts';

/** Names in the reader's language: core labels for the domain, extension messages for the UI. */
export interface ViewLabels extends DomainLabels {
  /** An extension message (see extension/locales.ts) with `$1`… substituted. */
  msg(key: string, ...substitutions: string[]): string;
  /** Formats a money amount in the reader's locale. */
  money(value: number): string;
}

/**
 * What the badge for a matched customer shows: tier, churn risk in words and
 * as a percentage, which identity matched (from the key's prefix), and the
 * card's facts — only those the import had. A customer whose churn risk is
 * unknown (a value list: no purchase history; see knownChurnRisk) gets
 * "churn unknown" with no level and no number, and a card without the CLV,
 * RFM, stage and matrix lines the import did not compute.
 *
 * @example
 * badgeView({ customer, key: 'email:jane@acme.com' }, labels).matchedText // "matched on e-mail"
 */
export function badgeView(score: EntityScore, labels: ViewLabels): BadgeView {
  const c = score.customer;
  const risk = knownChurnRisk(c);
  const level = risk === undefined ? undefined : churnLevel(risk);
  const percent = risk === undefined ? '' : `${Math.round(risk * 100)}%`;
  // The card's lines are worked out when first read (the card opening): a
  // list view builds many badges and opens few cards.
  let facts: [string, string][] | undefined;
  const cardFacts = (): [string, string][] => {
    const out: [string, string][] = [];
    if (c.clv !== undefined) out.push([labels.msg('factClv'), labels.money(c.clv)]);
    if (c.value !== undefined && c.value !== c.clv) out.push([labels.msg('factValue'), labels.money(c.value)]);
    if (c.rfmCell) out.push([labels.msg('factRfm'), c.rfmSegment ? `${c.rfmCell} · ${labels.segment(c.rfmSegment)}` : c.rfmCell]);
    if (c.stage) out.push([labels.msg('factStage'), labels.stage(c.stage)]);
    if (c.matrix) out.push([labels.msg('factMatrix'), labels.matrix(c.matrix)]);
    // The number means "no purchase within N days": say N wherever it is known.
    const churnValue =
      level === undefined
        ? labels.msg('churnUnknown')
        : c.churnHorizonDays !== undefined
          ? labels.msg('churnWithin', labels.churn(level), percent, String(Math.round(c.churnHorizonDays)))
          : `${labels.churn(level)} (${percent})`;
    out.push([labels.msg('factChurn'), churnValue]);
    return out;
  };
  return {
    tier: c.tier,
    tierLabel: labels.tier(c.tier),
    churnLevel: level ?? 'unknown',
    churnText: level === undefined ? labels.msg('badgeChurnUnknown') : labels.msg('badgeChurn', labels.churn(level).toLocaleLowerCase(), percent),
    churnShort: level === undefined ? labels.msg('badgeChurnUnknown') : labels.msg('badgeChurnShort', percent),
    matchedText: labels.msg('badgeMatched', labels.msg(`matched_${matchKind(score.key)}`)),
    title: c.name || c.company || c.email || c.id,
    get facts() {
      return (facts ??= cardFacts());
    },
    action: labels.action(c.tier),
    actionLabel: labels.msg('factAction'),
  };
}

/** The identity kind of a canonical key ("email:…" → email); `other` for a key the match module does not know. */
export function matchKind(key: string): 'email' | 'company' | 'domain' | 'crmId' | 'other' {
  try {
    return matchedOn(key);
  } catch {
    return 'other';
  }
}

/**
 * What the badge for a company shows (see StoredCompany): its tier among
 * companies, labelled "Company · 12 customers" on the badge, in its
 * accessible name and on its card, with the value-weighted churn risk and how
 * many of its customers are at high risk. `forPerson` when the page shows a
 * person no imported customer is (matched by their e-mail's domain or their
 * company alone): the card says that what it shows is the company's.
 *
 * @example companyBadgeView({ company, key: 'domain:acme.com' }, labels, true).subjectText // "Company · 12 customers"
 */
export function companyBadgeView(score: CompanyScore, labels: ViewLabels, forPerson: boolean): BadgeView {
  const c = score.company;
  const risk = typeof c.churnRisk === 'number' && c.churnRisk >= 0 && c.churnRisk <= 1 ? c.churnRisk : undefined;
  const level = risk === undefined ? undefined : churnLevel(risk);
  const percent = risk === undefined ? '' : `${Math.round(risk * 100)}%`;
  let facts: [string, string][] | undefined;
  const cardFacts = (): [string, string][] => {
    const out: [string, string][] = [[labels.msg('factCompanyTier'), labels.tier(c.tier)], [labels.msg('factCompanyValue'), labels.money(c.value)]];
    if (c.clv !== undefined) out.push([labels.msg('factCompanyClv'), labels.money(c.clv)]);
    out.push([
      labels.msg('factCompanyChurn'),
      level === undefined
        ? labels.msg('churnUnknown')
        : c.churnHorizonDays !== undefined
          ? labels.msg('churnWithin', labels.churn(level), percent, String(Math.round(c.churnHorizonDays)))
          : `${labels.churn(level)} (${percent})`,
    ]);
    if (c.riskKnown > 0) out.push([labels.msg('factCompanyHighRisk'), labels.msg('companyHighRisk', String(c.highRisk), String(c.riskKnown))]);
    return out;
  };
  return {
    tier: c.tier,
    tierLabel: labels.tier(c.tier),
    churnLevel: level ?? 'unknown',
    churnText: level === undefined ? labels.msg('badgeChurnUnknown') : labels.msg('badgeChurn', labels.churn(level).toLocaleLowerCase(), percent),
    churnShort: level === undefined ? labels.msg('badgeChurnUnknown') : labels.msg('badgeChurnShort', percent),
    matchedText: labels.msg('badgeMatched', labels.msg(`matched_${matchKind(score.key)}`)),
    title: c.name || c.domain || c.id,
    subject: 'company',
    subjectText: c.customers === 1 ? labels.msg('badgeCompanyOfOne') : labels.msg('badgeCompanyOf', String(c.customers)),
    subjectShort: labels.msg('badgeCompany'),
    ...(forPerson ? { note: labels.msg('companyNoPerson') } : {}),
    get facts() {
      return (facts ??= cardFacts());
    },
    action: labels.action(c.tier),
    actionLabel: labels.msg('factAction'),
  };
}

/** The view of whatever a lookup answered: a person's own score, or their company's. */
export function pageScoreView(score: PageScore, labels: ViewLabels, entity: { company?: boolean }): BadgeView {
  return 'company' in score ? companyBadgeView(score, labels, !entity.company) : badgeView(score, labels);
}
