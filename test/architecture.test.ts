/**
 * The layering the product's design fixes, checked on the source: core/ is
 * platform-free (no DOM, Node, Office or browser-extension APIs), and the
 * products import the core, never each other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string, tests: boolean): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(join(ROOT, dir));
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path, tests));
    else if (/\.tsx?$/.test(name) && (tests || !/\.test\.tsx?$/.test(name))) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

describe('architecture', () => {
  const core = sources('core', false);

  it('finds the core sources', () => {
    expect(core.length).toBeGreaterThan(40);
  });

  it('keeps core/ free of Node, DOM, Office and extension APIs', () => {
    const offenders: string[] = [];
    const forbidden = /\b(?:document|window|navigator|localStorage|indexedDB|chrome|browser|Office|Excel|process|Buffer|require)\s*[.(]/;
    for (const file of core) {
      for (const spec of imports(file)) {
        if (spec.startsWith('node:') || /^(fs|path|os|url|child_process)$/.test(spec)) offenders.push(`${file} imports ${spec}`);
      }
      const code = readFileSync(join(ROOT, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      const hit = forbidden.exec(code);
      if (hit) offenders.push(`${file} uses ${hit[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('lets core/ import only core/ and its parsing library', () => {
    const offenders: string[] = [];
    for (const file of core) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = relative(ROOT, join(ROOT, file, '..', spec));
          if (!target.startsWith('core/')) offenders.push(`${file} imports ${target}`);
        } else if (spec !== 'papaparse') offenders.push(`${file} imports package ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('lets the products and the benches use the core only through core/index.ts', () => {
    const offenders: string[] = [];
    for (const dir of ['cli', 'addin', 'extension', 'bench']) {
      for (const file of sources(dir, true)) {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = relative(ROOT, join(ROOT, file, '..', spec));
          if (target.startsWith('core/') && target !== 'core/index.ts') offenders.push(`${file} imports ${target}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('names every export of core/index.ts explicitly: internals stay internal', () => {
    const index = readFileSync(join(ROOT, 'core/index.ts'), 'utf8');
    expect(index).not.toMatch(/export \*/);
    // No folder of core/ has an index of its own that could widen the surface again.
    const folderIndexes = sources('core', true).filter((f) => f !== 'core/index.ts' && f.endsWith('/index.ts'));
    expect(folderIndexes).toEqual([]);
  });

  it('keeps the add-in and the extension apart', () => {
    const offenders: string[] = [];
    for (const [dir, other] of [
      ['addin', 'extension/'],
      ['extension', 'addin/'],
      ['cli', 'addin/'],
      ['cli', 'extension/'],
    ] as const) {
      for (const file of sources(dir, true)) {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = relative(ROOT, join(ROOT, file, '..', spec));
          if (target.startsWith(other)) offenders.push(`${file} imports ${target}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
