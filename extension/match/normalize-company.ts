/**
 * The canonical form of a company name, so that the ways people and CRMs
 * write one company compare equal: "Acme, Inc." = "ACME Inc" = "acme";
 * "阿里巴巴（中国）有限公司" = "阿里巴巴(中国)".
 *
 * Steps, in order:
 * 1. Unicode NFKC (full-width letters and brackets become ASCII, ㈱ → (株)),
 *    Latin accents removed ("Société" → "societe"), case folded (ß → ss).
 * 2. Bracketed Japanese/Korean legal marks `(株)`, `(有)`, `(주)` removed.
 * 3. `&` read as "and"; full stops and apostrophes deleted ("S.A." → "sa",
 *    "McDonald's" → "mcdonalds"); every other punctuation mark or symbol
 *    becomes a space; whitespace collapsed; spaces next to Han or kana
 *    removed (CJK names are written without spaces).
 * 4. Legal forms dropped until none is left: trailing Latin words of
 *    `LEGAL_WORDS` (Inc, Corp, LLC, Ltd, Limited, GmbH, AG, SA, SAS, SARL,
 *    BV, NV, Pty, PLC, Co, KK, …, with a dangling "and" of "& Co"), a leading
 *    "the", and the CJK forms of `CJK_LEGAL_FORMS` at the end (or, for
 *    株式会社/有限会社/合同会社/주식회사, at the start). A name is never
 *    emptied: "Limited Inc" keeps "limited".
 *
 * Decided: 集团 / "Group" / "Holdings" are kept — they name a different
 * entity (the group, not the operating company) more often than not.
 * Parenthesised qualifiers such as （中国） are kept as words.
 *
 * Returns `undefined` — never throws — when nothing is left (empty input,
 * only punctuation).
 *
 * @example normalizeCompany('Acme, Inc.') // 'acme'
 * @example normalizeCompany('阿里巴巴（中国）有限公司') // '阿里巴巴中国'
 */
export function normalizeCompany(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  let s = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ');
  s = s.replace(/\((?:株|有|주)\)/g, ' ');
  s = s
    .replace(/&/g, ' and ')
    .replace(/[.'’ʼ]/g, '')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(CJK_SPACE, '');
  s = stripLegalForms(s);
  return s === '' ? undefined : s;
}

/** Latin-script legal-form words and abbreviations, after step 3 (lower case, no dots). */
export const LEGAL_WORDS: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc',
  'co', 'company', 'pty', 'pte', 'pvt', 'private',
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ug', 'ev',
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sca', 'srl', 'spa', 'sl', 'slu', 'ltda', 'sapi', 'cv',
  'bv', 'nv', 'vof', 'ab', 'as', 'asa', 'aps', 'oy', 'oyj', 'se', 'sro', 'kft', 'zrt', 'nyrt',
  'kk', 'bhd', 'sdn', 'tbk', 'jsc', 'pjsc', 'ooo', 'oao', 'zao',
]);

/** CJK legal forms, longest first so that 股份有限公司 is not cut to 股份. */
export const CJK_LEGAL_FORMS: readonly string[] = [
  '股份有限公司', '有限责任公司', '有限責任公司', '有限公司', '股份公司', '公司',
  '株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '주식회사', '유한회사',
];

/** Japanese and Korean forms that are also written before the name. */
const CJK_LEADING_FORMS: readonly string[] = ['株式会社', '有限会社', '合同会社', '주식회사', '유한회사'];

const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}ー';
const CJK_SPACE = new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'gu');

function stripLegalForms(name: string): string {
  let s = name;
  for (;;) {
    const before = s;
    for (const form of CJK_LEGAL_FORMS) {
      if (s.endsWith(form) && s.length > form.length) s = s.slice(0, -form.length).trim();
    }
    for (const form of CJK_LEADING_FORMS) {
      if (s.startsWith(form) && s.length > form.length) s = s.slice(form.length).trim();
    }
    const words = s.split(' ');
    while (words.length > 1 && LEGAL_WORDS.has(words[words.length - 1])) {
      words.pop();
      if (words.length > 1 && words[words.length - 1] === 'and') words.pop();
    }
    while (words.length > 1 && words[0] === 'the') words.shift();
    s = words.join(' ');
    if (s === before) return s;
  }
}
