/**
 * Multi-label public suffixes under which companies commonly register their
 * names (`acme.co.uk`, `acme.com.cn`). This is a compact, hand-kept subset —
 * NOT the full Public Suffix List: it covers the second-level business,
 * network and organisation suffixes of the larger economies. A host under a
 * suffix missing here is cut to its last two labels, which for such a host is
 * the suffix itself (e.g. `acme.gob.pe` → `gob.pe`); extend this set when a
 * user reports one.
 */
export const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  // United Kingdom
  'co.uk', 'org.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'ac.uk', 'gov.uk', 'nhs.uk',
  // China, Hong Kong, Taiwan, Macau
  'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn', 'ac.cn',
  'com.hk', 'org.hk', 'net.hk', 'edu.hk', 'com.tw', 'org.tw', 'net.tw', 'idv.tw', 'com.mo',
  // Japan, Korea
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'ed.jp', 'gr.jp', 'lg.jp',
  'co.kr', 'or.kr', 'ne.kr', 'ac.kr', 'go.kr',
  // Oceania
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'asn.au', 'id.au',
  'co.nz', 'net.nz', 'org.nz', 'ac.nz', 'govt.nz',
  // South and South-East Asia
  'co.in', 'net.in', 'org.in', 'firm.in', 'gen.in', 'ind.in', 'ac.in', 'gov.in',
  'com.sg', 'edu.sg', 'gov.sg', 'com.my', 'net.my', 'org.my',
  'co.id', 'or.id', 'ac.id', 'co.th', 'in.th', 'ac.th', 'com.ph', 'com.vn', 'com.pk',
  // Middle East and Africa
  'co.il', 'org.il', 'ac.il', 'com.tr', 'com.sa', 'com.eg', 'co.za', 'org.za',
  'com.ng', 'co.ke', 'ae.org',
  // Americas
  'com.br', 'net.br', 'org.br', 'com.mx', 'org.mx', 'com.ar', 'com.co', 'com.pe', 'com.uy',
  'com.ve', 'com.ec', 'gob.mx', 'gov.br',
  // Europe
  'co.at', 'or.at', 'com.pl', 'net.pl', 'org.pl', 'com.es', 'nom.es', 'org.es', 'com.ua',
  'com.gr', 'com.cy', 'com.mt', 'co.hu', 'com.ru', 'com.pt',
]);
