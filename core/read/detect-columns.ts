import { CvError } from '../errors.ts';
import type { ColumnMapping, ColumnRole } from '../types.ts';

/**
 * Header names of each column role, compared after {@link normalizeHeader}.
 * Earlier names win when several columns match one role ("customer_id" beats
 * "id"). Exact matches come first; then {@link CONTAINED} catches decorated
 * headers ("Customer ID (CRM)", "订单金额(元)").
 */
const EXACT: Record<ColumnRole, readonly string[]> = {
  customerId: [
    'customerid', 'custid', 'clientid', 'customerno', 'customernumber', 'customercode', 'memberid', 'buyerid',
    'userid', 'accountid', 'masterid', 'customer', 'client', 'member', 'id',
    '客户编号', '客户id', '客户代码', '客户号', '客户编码', '会员编号', '会员id', '用户id', '客户',
    // Decimal-comma locales, whose files the reader now reads without options.
    'kundennummer', 'kundennr', 'kundenid', 'kunde', 'numéroclient', 'idclient', 'cliente', 'idcliente',
  ],
  date: [
    'date', 'orderdate', 'transactiondate', 'purchasedate', 'invoicedate', 'saledate', 'salesdate', 'day',
    'timestamp', 'time', 'datetime',
    '日期', '交易日期', '购买日期', '订单日期', '下单日期', '消费日期', '销售日期', '时间', '交易时间',
    'datum', 'rechnungsdatum', 'bestelldatum', 'kaufdatum', 'belegdatum', 'datecommande', 'fecha', 'fechapedido',
  ],
  amount: [
    'amount', 'revenue', 'sales', 'dollarvalue', 'total', 'totalamount', 'salesamount', 'orderamount', 'ordervalue',
    'ordertotal', 'value', 'sale', 'spend', 'linetotal',
    '金额', '销售额', '消费金额', '交易金额', '订单金额', '实付金额', '总额', '总金额', '收入', '销售金额',
    'betrag', 'umsatz', 'gesamtbetrag', 'rechnungsbetrag', 'montant', 'montantttc', 'importe', 'importetotal',
  ],
  cost: ['cost', 'costs', 'cogs', 'costofgoods', 'costofgoodssold', 'totalcost', '成本', '成本金额', '总成本', '进货成本'],
  marginRate: ['margin', 'marginrate', 'grossmargin', 'margin%', 'grossmargin%', 'profitmargin', '毛利率', '利润率'],
  quantity: ['quantity', 'qty', 'numberofcds', 'units', 'count', 'pieces', 'items', '数量', '件数', '购买数量', '销量'],
  email: ['email', 'emailaddress', 'mail', '邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址'],
  company: ['company', 'companyname', 'account', 'accountname', 'organization', 'organisation', 'org', '公司', '公司名称', '企业', '单位', '企业名称'],
  name: ['name', 'customername', 'clientname', 'fullname', 'contact', 'contactname', '姓名', '客户名称', '客户姓名', '名称', '联系人'],
};

/** Substrings that identify a role in a decorated header, tried in this role order. */
const CONTAINED: readonly (readonly [ColumnRole, readonly string[]])[] = [
  ['customerId', ['customerid', 'clientid', 'custid', 'memberid', '客户编号', '客户id', '会员编号', '客户代码']],
  ['email', ['email', 'mail', '邮箱', '邮件']],
  ['date', ['date', '日期']],
  ['marginRate', ['margin', '毛利率', '利润率']],
  ['cost', ['cost', '成本']],
  ['quantity', ['quantity', 'qty', '数量']],
  ['amount', ['amount', 'revenue', 'sales', '金额', '销售额']],
  ['company', ['company', '公司']],
  ['name', ['name', '姓名', '名称']],
];

const LOOKUP = new Map<string, { role: ColumnRole; rank: number }>();
for (const [role, names] of Object.entries(EXACT) as [ColumnRole, readonly string[]][]) {
  names.forEach((name, rank) => LOOKUP.set(name, { role, rank }));
}

/** Roles a transaction source must have. */
export const REQUIRED_ROLES: readonly ColumnRole[] = ['customerId', 'date', 'amount'];

/** Every role, in the order reports list them. */
export const ALL_ROLES: readonly ColumnRole[] = [
  'customerId', 'date', 'amount', 'cost', 'marginRate', 'quantity', 'email', 'company', 'name',
];

/** Human name of a role, for messages ("customer id"). */
export const ROLE_LABEL: Record<ColumnRole, string> = {
  customerId: 'customer id', date: 'date', amount: 'amount', cost: 'cost', marginRate: 'margin rate',
  quantity: 'quantity', email: 'e-mail', company: 'company', name: 'name',
};

/**
 * A header reduced to what identifies it: lower case, without spaces,
 * underscores, hyphens, dots, slashes, colons, '#' or brackets (ASCII or
 * full-width), and without a BOM.
 * @example normalizeHeader(' Customer_ID ') // 'customerid'
 */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-./\\:：#()（）[\]【】]+/g, '');
}

/**
 * Finds the column of each role from header names in English or Chinese,
 * case-, space- and underscore-insensitive (`customer_id`, `Customer ID`,
 * `客户编号`, `Order Date`, `交易日期`, `dollar_value`, `金额`, `e-mail`, `毛利率` …).
 * Each column gets at most one role; roles with no column are absent.
 * Never throws; see {@link resolveMapping} for required-column checks.
 * @example detectColumns(['客户编号', '交易日期', '金额']) // { customerId: 0, date: 1, amount: 2 }
 */
export function detectColumns(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const best = new Map<ColumnRole, number>();
  const used = new Set<number>();
  headers.forEach((header, column) => {
    const hit = LOOKUP.get(normalizeHeader(String(header ?? '')));
    if (!hit) return;
    const prev = best.get(hit.role);
    if (prev === undefined || hit.rank < prev) {
      if (mapping[hit.role] !== undefined) used.delete(mapping[hit.role] as number);
      best.set(hit.role, hit.rank);
      mapping[hit.role] = column;
      used.add(column);
    }
  });
  for (const [role, parts] of CONTAINED) {
    if (mapping[role] !== undefined) continue;
    for (let column = 0; column < headers.length; column++) {
      if (used.has(column)) continue;
      const n = normalizeHeader(String(headers[column] ?? ''));
      if (n && parts.some((p) => n.includes(p))) {
        mapping[role] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

/** An explicit column choice: a 0-based index, or a header name (matched exactly, then normalized). */
export type ColumnChoice = number | string;

/**
 * The final mapping of a source: explicit choices first, detection from the
 * headers for the other roles (never reusing an explicitly chosen column).
 * Throws CvError(fn, 'data') when a required role has no column — naming the
 * role and listing the headers found — and CvError(fn, 'value') for an
 * explicit choice that names no column.
 */
export function resolveMapping(
  fn: string,
  headers: readonly string[] | null,
  explicit: Partial<Record<ColumnRole, ColumnChoice>> | undefined,
  columnCount: number,
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const chosen = new Set<number>();
  for (const role of ALL_ROLES) {
    const choice = explicit?.[role];
    if (choice === undefined || choice === null) continue;
    const column = typeof choice === 'number' ? choice : findHeader(fn, headers, role, choice);
    if (!Number.isInteger(column) || column < 0 || (columnCount > 0 && column >= columnCount)) {
      throw new CvError(fn, 'value', `the ${ROLE_LABEL[role]} column ${choice} does not exist: the data has ${columnCount} columns (0-based indexes 0..${columnCount - 1}).`);
    }
    mapping[role] = column;
    chosen.add(column);
  }
  if (headers) {
    const detected = detectColumns(headers);
    for (const role of ALL_ROLES) {
      const column = detected[role];
      if (mapping[role] === undefined && column !== undefined && !chosen.has(column)) {
        mapping[role] = column;
        chosen.add(column);
      }
    }
  }
  for (const role of REQUIRED_ROLES) {
    if (mapping[role] === undefined) {
      const found = headers && headers.length
        ? `the headers found are ${headers.map((h) => `'${h}'`).join(', ')}`
        : `the data has no header row (${columnCount} columns)`;
      throw new CvError(fn, 'data', `no ${ROLE_LABEL[role]} column was found (${found}); name it in the mapping option.`);
    }
  }
  return mapping;
}

function findHeader(fn: string, headers: readonly string[] | null, role: ColumnRole, name: string): number {
  if (!headers) {
    throw new CvError(fn, 'value', `the ${ROLE_LABEL[role]} column is mapped by name ('${name}') but the data has no header row; map it by index.`);
  }
  let column = headers.findIndex((h) => h.trim() === name.trim());
  if (column < 0) column = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
  if (column < 0) {
    throw new CvError(fn, 'value', `the ${ROLE_LABEL[role]} column '${name}' is not among the headers ${headers.map((h) => `'${h}'`).join(', ')}.`);
  }
  return column;
}
