import { describe, expect, it } from 'vitest';
import { customerIndexKeys } from '../match/keys.ts';
import { BLOCK_BYTES, blockOf, CustomerBlockWriter, positionOf, readBlock, REF_SPAN, type CustomerBlock } from './customer-blocks.ts';
import type { StoredCustomer } from './stored-customer.ts';

const full: StoredCustomer = {
  id: '001xx000003DGb2AAG', name: 'Jane Doe', email: 'jane@acme.com', company: 'Acme Inc', domain: 'acme.com', crmIds: ['salesforce:001xx000003DGb2AAG', 'hubspot:51'],
  tier: 'VIP', churnRisk: 0.25, churnHorizonDays: 90, clv: 1524.5, value: 3450, rfmCell: '545', rfmSegment: 'Champions', stage: 'stability', matrix: 'Gold',
  keys: [],
};
full.keys = customerIndexKeys(full);
// A value-list customer: no churn risk (unknown), no CLV, no CRM ids, a value of 0, keys not those of its fields.
const sparse: StoredCustomer = { id: 'B', tier: 'Small', value: 0, keys: ['email:b@x.com'] };

function write(rows: readonly StoredCustomer[], keysDerived = false): { blocks: CustomerBlock[]; refs: number[] } {
  const blocks: CustomerBlock[] = [];
  const w = new CustomerBlockWriter((b, n) => (blocks[n] = b));
  const refs = rows.map((r) => w.add(r, keysDerived && r.keys.length > 0));
  w.finish();
  return { blocks, refs };
}

/** Bytes structured clone writes for a block's text and arrays (one byte a character when all are Latin-1). */
const bytesOf = (b: CustomerBlock) => b.text.length * (/[^\x00-\xff]/.test(b.text) ? 2 : 1) + b.lens.byteLength + b.lists.byteLength + b.codes.byteLength + b.num.byteLength;

describe('customer blocks', () => {
  it('give back every field of every customer, absent fields staying absent, each at the position its ref names', () => {
    const { blocks, refs } = write([full, sparse]);
    expect(refs).toEqual([0, 1]);
    expect(readBlock(blocks[0])).toEqual([full, sparse]);
    expect(readBlock(blocks[0], 1)).toEqual([sparse]);
    expect('churnRisk' in readBlock(blocks[0], 1)[0]).toBe(false); // unknown, never NaN or 0
    expect(readBlock(blocks[0], 2)).toEqual([]);
  });

  it('leave out keys that are those of the fields, and store keys that are not', () => {
    const { blocks } = write([full, sparse]);
    // Only B's key is in the text: full's keys (two CRM ids, e-mail, domain, company) are worked out again.
    expect(blocks[0].text).not.toContain('email:jane@acme.com');
    expect(blocks[0].text).toContain('email:b@x.com');
    expect(readBlock(blocks[0], 0)[0].keys).toEqual(['crm:sf:001xx000003DGb2AAG', 'crm:hubspot:51', 'email:jane@acme.com', 'domain:acme.com', 'company:acme']);
  });

  it('keep text with tabs, line breaks and non-Latin characters as it was, and survive a structured clone', () => {
    const odd: StoredCustomer = { id: 'X\t1', name: '王小明\nline', company: 'A;B|C', tier: 'Major', keys: ['company:a;b|c'] };
    const { blocks } = write([sparse, odd]);
    expect(readBlock(structuredClone(blocks[0]), 1)).toEqual([odd]);
  });

  it('stay below BLOCK_BYTES, counting two bytes a character once a block holds a non-Latin name', () => {
    const rows = Array.from({ length: 3000 }, (_, i): StoredCustomer => ({ ...full, id: `C${i}`, name: i % 2 ? `王小明 ${i}` : `Jane Doe ${i}` }));
    const { blocks, refs } = write(rows, true);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect(bytesOf(b)).toBeLessThanOrEqual(BLOCK_BYTES);
    // Every ref finds its own customer.
    for (const i of [0, 1, 1234, 2999]) expect(readBlock(blocks[blockOf(refs[i])], positionOf(refs[i]))[0].id).toBe(`C${i}`);
  });

  it('name a customer by block × REF_SPAN + position', () => {
    const rows = Array.from({ length: 2000 }, (_, i): StoredCustomer => ({ id: String(i), tier: 'Small', keys: [] }));
    const { blocks, refs } = write(rows);
    const sizes = blocks.map((b) => b.lists.length / 2);
    expect(sizes.every((n) => n <= REF_SPAN)).toBe(true);
    expect(refs[sizes[0]]).toBe(REF_SPAN); // the first customer of block 1
    expect(refs.map((r) => readBlock(blocks[blockOf(r)], positionOf(r))[0].id)).toEqual(rows.map((r) => r.id));
  });
});
