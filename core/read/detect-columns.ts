import { CvError } from '../errors.ts';
import { formatMessage, msg } from '../i18n/messages.ts';
import type { Message } from '../i18n/messages.ts';
import type { ColumnMapping, ColumnRole } from '../types.ts';

/**
 * Header names of each column role, compared after {@link normalizeHeader}.
 * Earlier names win when several columns match one role ("customer_id" beats
 * "id", 实收金额 beats 应收金额). Exact matches come first; then
 * {@link CONTAINED} catches decorated headers ("Customer ID (CRM)",
 * "订单金额(元)"). The names are those of the exports analysts bring:
 * Shopify orders (Email, Created at, Paid at, Total, Lineitem quantity,
 * Billing Name), Salesforce opportunity reports (Account Name, Close Date,
 * Amount), HubSpot deals (Associated Company, Close Date, Amount), German
 * POS and ERP exports (Kundennummer, Belegdatum, Bruttobetrag, Menge,
 * Wareneinsatz) and Chinese POS and shop exports (会员卡号, 消费时间, 实收金额,
 * 买家会员名, 订单付款时间, 买家实际支付金额).
 */
const EXACT: Record<ColumnRole, readonly string[]> = {
  customerId: [
    'customerid', 'custid', 'clientid', 'customerno', 'customernumber', 'customercode', 'memberid', 'buyerid',
    'userid', 'accountid', 'accountnumber', 'masterid', 'membercardno', 'membercardnumber', 'loyaltycardnumber', 'loyaltyid',
    'cardnumber', 'cardno', 'companyid', 'associatedcompanyid', 'associatedcompanyids', 'customer', 'client', 'member', 'id',
    '客户编号', '客户id', '客户代码', '客户号', '客户编码', '客户卡号', '会员卡号', '会员编号', '会员id', '会员号', '会员编码', '会员卡',
    '卡号', '顾客编号', '顾客id', '顾客号', '买家会员名', '买家id', '买家账号', '用户id', '用户编号', '客户', '会员手机号', '手机号',
    '手机号码',
    // Decimal-comma locales, whose files the reader now reads without options.
    'kundennummer', 'kundennr', 'kdnr', 'kundenid', 'kundenkartennummer', 'kundenkarte', 'kunde', 'numéroclient', 'idclient',
    'cliente', 'idcliente',
  ],
  date: [
    'date', 'orderdate', 'transactiondate', 'purchasedate', 'invoicedate', 'saledate', 'salesdate', 'closedate', 'paidat',
    'paymentdate', 'createdat', 'createddate', 'createdate', 'dateordered', 'postingdate', 'documentdate', 'day', 'timestamp',
    'time', 'datetime',
    '日期', '交易日期', '购买日期', '订单日期', '下单日期', '消费日期', '销售日期', '成交日期', '付款日期', '单据日期', '业务日期',
    '开单日期', '消费时间', '付款时间', '支付时间', '订单付款时间', '成交时间', '结账时间', '下单时间', '订单创建时间', '创建时间',
    '时间', '交易时间',
    'datum', 'rechnungsdatum', 'bestelldatum', 'kaufdatum', 'belegdatum', 'buchungsdatum', 'verkaufsdatum', 'auftragsdatum',
    'zahlungsdatum', 'datecommande', 'fecha', 'fechapedido',
  ],
  amount: [
    'amount', 'revenue', 'sales', 'dollarvalue', 'total', 'totalamount', 'grandtotal', 'amountpaid', 'totalpaid', 'paidamount',
    'salesamount', 'orderamount', 'ordervalue', 'ordertotal', 'invoiceamount', 'invoicetotal', 'paymentamount', 'netsales',
    'grosssales', 'netamount', 'value', 'sale', 'spend', 'linetotal', 'totalprice', 'subtotal',
    '实收金额', '实收', '实付金额', '实付', '实付款', '买家实际支付金额', '支付金额', '付款金额', '成交金额', '金额', '销售额',
    '消费金额', '消费额', '交易金额', '订单金额', '订单总额', '订单总金额', '总额', '总金额', '收入', '销售金额', '销售收入',
    '营业额', '应收金额', '商品金额',
    'betrag', 'umsatz', 'bruttobetrag', 'brutto', 'bruttoumsatz', 'gesamtbetrag', 'rechnungsbetrag', 'endbetrag', 'zahlbetrag',
    'gesamtpreis', 'gesamtsumme', 'summe', 'gesamt', 'nettobetrag', 'netto', 'montant', 'montantttc', 'importe', 'importetotal',
  ],
  cost: [
    'cost', 'costs', 'cogs', 'costofgoods', 'costofgoodssold', 'totalcost', 'costamount',
    '成本', '成本金额', '总成本', '成本额', '成本合计', '进货成本', '采购成本', '商品成本',
    'kosten', 'wareneinsatz', 'einstandskosten',
  ],
  marginRate: ['margin', 'marginrate', 'grossmargin', 'margin%', 'grossmargin%', 'profitmargin', '毛利率', '利润率', 'marge', 'handelsspanne'],
  quantity: [
    'quantity', 'qty', 'numberofcds', 'units', 'count', 'pieces', 'items', 'lineitemquantity',
    '数量', '件数', '购买数量', '商品数量', '宝贝总数量', '销量', 'menge', 'anzahl', 'stückzahl',
  ],
  email: ['email', 'emailaddress', 'mail', 'customeremail', 'billingemail', '邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址'],
  company: [
    'company', 'companyname', 'account', 'accountname', 'associatedcompany', 'organization', 'organisation', 'org', 'billingcompany',
    '公司', '公司名称', '企业', '单位', '企业名称', 'firma', 'firmenname', 'unternehmen',
  ],
  name: [
    'name', 'customername', 'clientname', 'fullname', 'contact', 'contactname', 'billingname',
    '姓名', '客户名称', '客户姓名', '会员姓名', '会员名称', '顾客姓名', '名称', '联系人', 'kundenname',
  ],
};

/** Substrings that identify a role in a decorated header, tried in this role order. */
const CONTAINED: readonly (readonly [ColumnRole, readonly string[]])[] = [
  ['customerId', ['customerid', 'clientid', 'custid', 'memberid', 'customernumber', '客户编号', '客户id', '会员编号', '会员卡号', '客户代码', 'kundennummer', 'kundennr']],
  ['email', ['email', 'mail', '邮箱', '邮件']],
  ['date', ['date', '日期', 'datum']],
  ['marginRate', ['margin', '毛利率', '利润率']],
  ['cost', ['cost', '成本']],
  ['quantity', ['quantity', 'qty', '数量']],
  ['amount', ['amount', 'revenue', 'sales', '金额', '销售额', '实收', '实付', 'betrag', 'umsatz']],
  ['company', ['company', '公司']],
  ['name', ['name', '姓名', '名称']],
];

/**
 * Decorations that make a header about something other than the role its
 * word names: 'Product Name' or 商品名称 is no customer's name, 'Shipping
 * Email' no customer's address, 'Discount Amount' or 运费金额 no purchase amount.
 */
const NOT_THE_CUSTOMER = [
  'product', 'item', 'sku', 'article', 'opportunity', 'deal', 'owner', 'storename', 'storeid', 'shopname', 'shopid', 'vendor',
  'shipping', 'staff',
  'employee', 'cashier', 'artikel', 'mitarbeiter', 'filiale', 'lieferant', '商品', '宝贝', '产品', '门店', '店铺', '货品', '收货',
  '员工', '导购', '收银', '操作', '店员',
];
const NOT_THE_PURCHASE = [
  'discount', 'shipping', 'refund', 'deposit', 'balance', 'due', 'rabatt', 'versand', 'erstattung', '优惠', '折扣', '运费',
  '退款', '余额', '找零', '应收', '欠款',
];
const EXCLUDED: Partial<Record<ColumnRole, readonly string[]>> = {
  customerId: NOT_THE_CUSTOMER, email: NOT_THE_CUSTOMER, company: NOT_THE_CUSTOMER, name: NOT_THE_CUSTOMER,
  amount: NOT_THE_PURCHASE,
};

/**
 * Columns of an order export with line items (Shopify's): there 'Name' is
 * the order number (#1001) and 'Id' the order's id, not the customer's.
 */
const ORDER_EXPORT = ['lineitemname', 'lineitemquantity', 'financialstatus', 'fulfillmentstatus'];
const ORDER_NAMED: Partial<Record<ColumnRole, readonly string[]>> = { customerId: ['id'], name: ['name'] };

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
  const normal = headers.map((h) => normalizeHeader(String(h ?? '')));
  const orderExport = normal.some((n) => ORDER_EXPORT.includes(n));
  normal.forEach((n, column) => {
    const hit = LOOKUP.get(n);
    if (!hit || (orderExport && ORDER_NAMED[hit.role]?.includes(n))) return;
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
    const excluded = EXCLUDED[role] ?? [];
    for (let column = 0; column < headers.length; column++) {
      if (used.has(column)) continue;
      const n = normal[column];
      if (n && parts.some((p) => n.includes(p)) && !excluded.some((x) => n.includes(x))) {
        mapping[role] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

/** Columns that identify a customer when no id column does, best first. */
const ID_STAND_INS: readonly ColumnRole[] = ['email', 'company', 'name'];

/** An explicit column choice: a 0-based index, or a header name (matched exactly, then normalized). */
export type ColumnChoice = number | string;

/**
 * The final mapping of a source: explicit choices first, detection from the
 * headers for the other roles (never reusing an explicitly chosen column).
 * Without an id column, the e-mail, company or name column identifies the
 * customer, and a sentence saying so goes to `notes`.
 * Throws CvError(fn, 'data') when a required role has no column — naming the
 * role and listing the headers found — and CvError(fn, 'value') for an
 * explicit choice that names no column.
 */
export function resolveMapping(
  fn: string,
  headers: readonly string[] | null,
  explicit: Partial<Record<ColumnRole, ColumnChoice>> | undefined,
  columnCount: number,
  notes?: { warnings: string[]; warningMessages: Message[] },
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const chosen = new Set<number>();
  for (const role of ALL_ROLES) {
    const choice = explicit?.[role];
    if (choice === undefined || choice === null) continue;
    const column = typeof choice === 'number' ? choice : findHeader(fn, headers, role, choice);
    if (!Number.isInteger(column) || column < 0 || (columnCount > 0 && column >= columnCount)) {
      throw new CvError(fn, 'value', msg('read.columnIndexMissing', { role: msg(`role.${role}`), choice: String(choice), n: columnCount, last: columnCount - 1 }));
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
    if (mapping.customerId === undefined) {
      // CRM and shop exports name the customer, not a customer number: a
      // Shopify order by its e-mail, a Salesforce opportunity by its account.
      const stand = ID_STAND_INS.find((role) => mapping[role] !== undefined);
      if (stand) {
        const column = mapping[stand] as number;
        mapping.customerId = column;
        const note = msg('read.idStandIn', { role: msg(`role.${stand}`), header: headers[column] });
        notes?.warnings.push(formatMessage(note, 'en'));
        notes?.warningMessages.push(note);
      }
    }
  }
  for (const role of REQUIRED_ROLES) {
    if (mapping[role] === undefined) {
      const name = msg(`role.${role}`);
      throw new CvError(
        fn,
        'data',
        headers && headers.length
          ? msg('read.columnNotFound', { role: name, headers: quotedList(headers) })
          : msg('read.columnNotFoundNoHeader', { role: name, n: columnCount }),
      );
    }
  }
  return mapping;
}

/** Headers as a user would recognise them: 'A', 'B', 'C'. */
function quotedList(headers: readonly string[]): string {
  return headers.map((h) => `'${h}'`).join(', ');
}

function findHeader(fn: string, headers: readonly string[] | null, role: ColumnRole, name: string): number {
  if (!headers) {
    throw new CvError(fn, 'value', msg('read.columnByNameNoHeader', { role: msg(`role.${role}`), name }));
  }
  let column = headers.findIndex((h) => h.trim() === name.trim());
  if (column < 0) column = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
  if (column < 0) {
    throw new CvError(fn, 'value', msg('read.columnNotAmongHeaders', { role: msg(`role.${role}`), name, headers: quotedList(headers) }));
  }
  return column;
}
