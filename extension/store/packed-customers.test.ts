import { describe, expect, it } from 'vitest';
import { packCustomers, unpackCustomers } from './packed-customers.ts';
import { splitJoined } from './joined-strings.ts';
import type { StoredCustomer } from './stored-customer.ts';

const full: StoredCustomer = {
  id: '001xx000003DGb2AAG', name: 'Jane Doe', email: 'jane@acme.com', company: 'Acme Inc', domain: 'acme.com', crmIds: ['salesforce:001xx000003DGb2AAG', 'hubspot:51'],
  tier: 'VIP', churnRisk: 0.25, churnHorizonDays: 90, clv: 1524.5, value: 3450, rfmCell: '545', rfmSegment: 'Champions', stage: 'stability', matrix: 'Gold',
  keys: ['crm:salesforce:001xx000003DGb2AAG', 'crm:hubspot:51', 'email:jane@acme.com', 'domain:acme.com', 'company:acme'], search: ['jane'],
};
// A value-list customer: no churn risk (unknown), no CLV, no CRM ids, a value of 0.
const sparse: StoredCustomer = { id: 'B', tier: 'Small', value: 0, keys: [], search: [] };
const { search: _a, ...fullChunked } = full;
const { search: _b, ...sparseChunked } = sparse;

describe('packed customer chunks', () => {
  it('give back every field of every customer but the search words, absent fields staying absent', () => {
    const out = unpackCustomers(packCustomers([full, sparse]));
    expect(out).toEqual([fullChunked, sparseChunked]);
    expect('churnRisk' in out[1]).toBe(false); // unknown, never NaN or 0
    expect('crmIds' in out[1]).toBe(false);
  });

  it('find one customer by id without building the others', () => {
    const chunk = packCustomers([full, sparse, { ...sparse, id: 'C', keys: ['email:c@x.com'] }]);
    expect(unpackCustomers(chunk, 'C')).toEqual([{ id: 'C', tier: 'Small', value: 0, keys: ['email:c@x.com'] }]);
    expect(unpackCustomers(chunk, 'nobody')).toEqual([]);
  });

  it('keep text with tabs, line breaks and non-Latin characters as it was', () => {
    const odd: StoredCustomer = { id: 'X\t1', name: '王小明\nline', company: 'A;B|C', tier: 'Major', keys: ['company:a;b|c'] };
    expect(unpackCustomers(packCustomers([sparse, odd]), 'X\t1')).toEqual([odd]);
  });

  it('read the list-packed chunks (one string per field) the first packed form wrote', () => {
    const packed = packCustomers([full, sparse]);
    const listedForm = { text: splitJoined(packed), lists: packed.lists, num: packed.num };
    expect(unpackCustomers(listedForm)).toEqual([fullChunked, sparseChunked]);
    expect(unpackCustomers(listedForm, 'B')).toEqual([sparseChunked]);
  });

  it('read the customer-object chunks the first chunked layout wrote', () => {
    expect(unpackCustomers([fullChunked, sparseChunked], 'B')).toEqual([sparseChunked]);
    expect(unpackCustomers([fullChunked, sparseChunked])).toHaveLength(2);
    expect(unpackCustomers(undefined)).toEqual([]);
  });

  it('survive a structured clone as IndexedDB makes one', () => {
    expect(unpackCustomers(structuredClone(packCustomers([full])))).toEqual([fullChunked]);
  });
});
