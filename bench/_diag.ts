(globalThis as unknown as { DIAG?: boolean }).DIAG = true;
(globalThis as unknown as { DIAGN?: number[] }).DIAGN = [0,0,0,0,0,0]; setTimeout(()=>{},0); process.on('exit',()=>console.log('DIAGN',(globalThis as any).DIAGN));
import { readFileSync } from 'node:fs';
import { createAnalysis, readTransactions } from '../core/index.ts';
const bytes = readFileSync('/work/shared/data/cdnow/CDNOW_master.txt');
for (let i = 0; i < 3; i++) {
  const a = createAnalysis({ model: (process.env.M ?? 'auto') as 'auto' });
  readTransactions(bytes, { onTransaction: (t) => a.add(t) });
  const t0 = performance.now();
  const r = a.finish();
  const t1 = performance.now();
  console.log('analysis', ((t1 - t0) / 1000).toFixed(3), r.models.selection.chosen, JSON.stringify(r.models.purchase?.params), r.models.purchase?.logLikelihood, r.models.selection.candidates.map(c=>`${c.model} ${c.holdout?.logLoss} ${c.logLikelihood}`).join(' | '));
}
