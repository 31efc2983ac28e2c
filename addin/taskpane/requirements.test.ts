import { describe, expect, it } from 'vitest';
import { missingRequirements, paneBlocked, requirementsMessage } from './requirements.ts';

const office = (unsupported: string[]) => ({ isSetSupported: (name: string, v?: string) => !unsupported.includes(`${name} ${v}`) });

describe('requirement sets', () => {
  it('reports nothing where every set is supported, or where office.js cannot tell', () => {
    expect(missingRequirements(office([]))).toEqual([]);
    expect(missingRequirements(undefined)).toEqual([]);
  });

  it('asks for the version the add-in needs, not any version', () => {
    const asked: string[] = [];
    missingRequirements({ isSetSupported: (n, v) => (asked.push(`${n} ${v}`), true) });
    expect(asked.sort()).toEqual(['CustomFunctionsRuntime 1.2', 'ExcelApi 1.7', 'SharedRuntime 1.1']);
  });

  it('blocks the pane without ExcelApi 1.7 and says what still works, in both languages', () => {
    const missing = missingRequirements(office(['ExcelApi 1.7']));
    expect(missing.map((r) => r.name)).toEqual(['ExcelApi']);
    expect(paneBlocked(missing)).toBe(true);
    const en = requirementsMessage(missing, 'en');
    expect(en?.lines.join(' ')).toMatch(/does not support ExcelApi 1\.7\. The pane cannot read or write ranges here\. Update Excel/);
    expect(en?.lines.join(' ')).not.toMatch(/CV functions/);
    expect(requirementsMessage(missing, 'zh')?.lines[0]).toBe('它不支持 ExcelApi 1.7。');
  });

  it('lets the pane work when only the functions lack their error messages', () => {
    const missing = missingRequirements(office(['CustomFunctionsRuntime 1.2']));
    expect(paneBlocked(missing)).toBe(false);
    expect(requirementsMessage(missing, 'en')?.lines.join(' ')).toMatch(/CV functions may show errors without their explanation/);
  });

  it('treats a checker that throws as unsupported', () => {
    expect(missingRequirements({ isSetSupported: () => { throw new Error('not ready'); } })).toHaveLength(3);
  });
});
