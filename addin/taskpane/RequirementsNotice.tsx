/** The pane's notice when this Office lacks a requirement set (requirements.ts). */
import type { Lang } from '../../core/index.ts';
import { requirementsMessage, type Requirement } from './requirements.ts';

export function RequirementsNotice({ missing, lang }: { missing: readonly Requirement[]; lang: Lang }) {
  const m = requirementsMessage(missing, lang);
  if (!m) return null;
  return (
    <section class="requirements" role="alert" data-testid="requirements">
      <h2>{m.title}</h2>
      {m.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </section>
  );
}
