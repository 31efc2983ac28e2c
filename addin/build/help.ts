/**
 * help.html: one anchored section per custom function, generated from the
 * same metadata Excel reads, so argument help and the help page agree.
 */
import { helpNotes } from './help-notes.ts';
import type { Metadata } from './metadata.ts';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The help page for `metadata`, with `examples` (by id) shown under each function. */
export function helpPage(metadata: Metadata, examples: Record<string, string> = {}): string {
  const sections = metadata.functions.map((f) => {
    const args = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    const rows = f.parameters
      .map((p) => `<tr><td><code>${escape(p.name)}</code>${p.optional ? ' (optional)' : ''}</td><td>${escape(p.description ?? '')}</td></tr>`)
      .join('');
    const example = examples[f.id] ? `<p>Example: <code>${escape(examples[f.id])}</code></p>` : '';
    return `<section id="${f.id.toLowerCase()}"><h2>CV.${escape(f.name)}(${escape(args)})</h2><p>${escape(f.description ?? '')}</p><table>${rows}</table>${example}</section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cvlens functions</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}td,th{vertical-align:top;padding:.2rem .6rem;text-align:left}code{background:#f3f3f3}</style>
</head><body><h1>cvlens custom functions (namespace CV)</h1>
<p>Contents: the functions below; <a href="#values">values in every language</a>; <a href="#segment-columns">CV.SEGMENT's columns</a>; <a href="#support">support</a>.</p>${sections.join('\n')}
${helpNotes()}</body></html>`;
}
