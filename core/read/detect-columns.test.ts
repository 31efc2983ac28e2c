import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { detectColumns, normalizeHeader, resolveMapping } from './detect-columns.ts';

describe('detectColumns', () => {
  it('finds English headers, ignoring case, spaces, underscores and hyphens', () => {
    expect(detectColumns(['Customer ID', 'Order Date', 'Revenue', 'COST', 'Margin', 'Qty', 'E-mail', 'Company', 'Name'])).toEqual({
      customerId: 0, date: 1, amount: 2, cost: 3, marginRate: 4, quantity: 5, email: 6, company: 7, name: 8,
    });
  });
  it('finds the CDNOW headers', () => {
    expect(detectColumns(['customer_id', 'date', 'number_of_cds', 'dollar_value'])).toEqual({
      customerId: 0, date: 1, quantity: 2, amount: 3,
    });
  });
  it('finds Chinese headers', () => {
    expect(detectColumns(['客户编号', '交易日期', '消费金额', '成本', '毛利率', '数量', '电子邮件', '公司名称', '客户名称'])).toEqual({
      customerId: 0, date: 1, amount: 2, cost: 3, marginRate: 4, quantity: 5, email: 6, company: 7, name: 8,
    });
    expect(detectColumns(['客户', '日期', '销售额', '邮箱', '公司', '姓名'])).toEqual({
      customerId: 0, date: 1, amount: 2, email: 3, company: 4, name: 5,
    });
  });
  it('prefers the more specific name when two columns match a role', () => {
    expect(detectColumns(['id', 'customer_id', 'date', 'amount']).customerId).toBe(1);
    expect(detectColumns(['Total', 'Amount', 'date', 'client']).amount).toBe(1);
  });
  it('recognises decorated headers and does not mistake "Customer Email" for the id', () => {
    expect(detectColumns(['Customer ID (CRM)', 'Sales Date', 'Order Amount (USD)', 'Customer Email', '订单金额(元)'])).toEqual({
      customerId: 0, date: 1, amount: 2, email: 3,
    });
  });
  it('leaves unknown columns out', () => {
    expect(detectColumns(['foo', 'bar'])).toEqual({});
  });
  it('normalizes a header', () => {
    expect(normalizeHeader('\uFEFF Customer_ID ')).toBe('customerid');
  });
});

// Header rows of the exports analysts bring. Sources: Shopify Help Center,
// "Exporting orders" (the orders CSV columns); Salesforce Help, "Opportunity
// report" standard columns; HubSpot Knowledge Base, "HubSpot's default deal
// properties"; the member-consumption reports of Chinese POS systems (银豹,
// 客如云) and Taobao's 订单报表; a German Kassenbuch/POS journal export.
describe('detectColumns on real exports', () => {
  it('reads a Shopify orders export: Email stands for the customer, Name and Id are the order', () => {
    const headers = [
      'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Accepts Marketing', 'Currency',
      'Subtotal', 'Shipping', 'Taxes', 'Total', 'Discount Code', 'Discount Amount', 'Shipping Method', 'Created at',
      'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Billing Name', 'Billing Company', 'Shipping Name', 'Id',
    ];
    const notes = { warnings: [] as string[], warningMessages: [] };
    expect(resolveMapping('f', headers, undefined, headers.length, notes)).toEqual({
      customerId: 1, email: 1, date: 3, amount: 11, quantity: 16, name: 19, company: 20,
    });
    expect(notes.warnings).toEqual([
      "no customer id column was found, so customers are told apart by the e-mail column 'Email' (name the id column in the mapping option to choose another).",
    ]);
  });
  it('reads a Salesforce opportunity report: the account is the customer, the close date the day', () => {
    const headers = ['Opportunity Owner', 'Account Name', 'Opportunity Name', 'Stage', 'Fiscal Period', 'Amount', 'Expected Revenue',
      'Probability (%)', 'Age', 'Close Date', 'Created Date', 'Next Step', 'Lead Source', 'Type'];
    expect(detectColumns(headers)).toEqual({ company: 1, amount: 5, date: 9 });
    expect(resolveMapping('f', headers, undefined, headers.length)).toEqual({ customerId: 1, company: 1, amount: 5, date: 9 });
  });
  it('reads a HubSpot deals export: the associated company is the customer', () => {
    const headers = ['Record ID', 'Deal Name', 'Deal Stage', 'Close Date', 'Deal owner', 'Amount', 'Associated Company', 'Create Date'];
    expect(resolveMapping('f', headers, undefined, headers.length)).toEqual({ customerId: 6, company: 6, date: 3, amount: 5 });
  });
  it('reads a German POS journal', () => {
    expect(detectColumns(['Belegnummer', 'Belegdatum', 'Uhrzeit', 'Kundennummer', 'Kundenname', 'Artikelnummer', 'Bezeichnung', 'Menge',
      'Einzelpreis', 'Bruttobetrag', 'Wareneinsatz'])).toEqual({ date: 1, customerId: 3, name: 4, quantity: 7, amount: 9, cost: 10 });
    expect(detectColumns(['Kunde', 'Bestelldatum', 'Betrag inkl. MwSt'])).toEqual({ customerId: 0, date: 1, amount: 2 });
  });
  it('reads a Chinese POS member-consumption report: 实收 before 应收, 商品名称 is no customer name', () => {
    expect(detectColumns(['单据号', '会员卡号', '会员姓名', '消费时间', '门店', '商品名称', '数量', '应收金额', '优惠金额', '实收金额', '成本'])).toEqual({
      customerId: 1, name: 2, date: 3, quantity: 6, amount: 9, cost: 10,
    });
    expect(detectColumns(['客户', '日期', '商品名称', '金额'])).toEqual({ customerId: 0, date: 1, amount: 3 });
  });
  it("reads Taobao's order report: the buyer, the payment time, what the buyer actually paid", () => {
    expect(detectColumns(['订单编号', '买家会员名', '买家支付宝账号', '买家应付货款', '买家应付邮费', '总金额', '买家实际支付金额', '订单状态',
      '订单创建时间', '订单付款时间', '宝贝总数量', '收货人姓名'])).toEqual({ customerId: 1, amount: 6, date: 9, quantity: 10 });
  });
  it.each([
    [['会员卡号', '消费日期', '实收'], { customerId: 0, date: 1, amount: 2 }],
    [['客户编号', '客户姓名', '消费日期', '消费金额', '成本'], { customerId: 0, name: 1, date: 2, amount: 3, cost: 4 }],
    [['客户编号', '下单时间', '实付金额'], { customerId: 0, date: 1, amount: 2 }],
    [['Customer Number', 'Order Date', 'Grand Total'], { customerId: 0, date: 1, amount: 2 }],
    [['Kundennr.', 'Bestelldatum', 'Gesamtbetrag'], { customerId: 0, date: 1, amount: 2 }],
  ])('reads %j', (headers, mapping) => {
    expect(detectColumns(headers)).toEqual(mapping);
  });
  it('does not take a discount, shipping or refund amount for the purchase amount', () => {
    expect(detectColumns(['Customer ID', 'Date', 'Discount Amount', 'Shipping Amount', 'Refund Amount', '运费金额'])).toEqual({
      customerId: 0, date: 1,
    });
  });
});

describe('resolveMapping', () => {
  it('names the missing column and lists the headers found', () => {
    expect(() => resolveMapping('readTransactions', ['who', 'date', 'amount'], undefined, 3)).toThrow(
      "readTransactions: no customer id column was found (the headers found are 'who', 'date', 'amount'); name it in the mapping option.",
    );
    let error: unknown;
    try {
      resolveMapping('readTransactions', ['who'], undefined, 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CvError);
    expect((error as CvError).kind).toBe('data');
  });
  it('takes explicit choices by index or header name, and detects the rest', () => {
    expect(resolveMapping('f', ['who', 'when', 'amount'], { customerId: 'who', date: 1 }, 3)).toEqual({
      customerId: 0, date: 1, amount: 2,
    });
  });
  it('rejects an explicit choice that names no column', () => {
    expect(() => resolveMapping('f', ['a', 'b', 'c'], { customerId: 'nope', date: 1, amount: 2 }, 3)).toThrow(/'nope' is not among/);
    expect(() => resolveMapping('f', null, { customerId: 0, date: 1, amount: 7 }, 3)).toThrow(/does not exist/);
  });
});
