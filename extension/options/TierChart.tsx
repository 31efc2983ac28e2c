import { tierColors, type Tier, type TierSummaryRow } from '../../core/index.ts';

/**
 * Side-by-side bars per tier: share of customers (light) and share of value
 * (strong colour) — the picture behind the seed's table 4-2, where 1.3 % of
 * customers bring 11 % of sales. Inline SVG, text nodes only.
 */
export function TierChart(props: { rows: readonly TierSummaryRow[]; tierLabel: (t: Tier) => string; customerLabel: string; valueLabel: string }) {
  const width = 420;
  const rowHeight = 34;
  const labelWidth = 90;
  const barMax = width - labelWidth - 50;
  const height = props.rows.length * rowHeight + 28;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${props.customerLabel} / ${props.valueLabel}`}>
      {props.rows.map((row, i) => {
        const y = i * rowHeight + 4;
        const c = tierColors[row.tier];
        return (
          <g key={row.tier}>
            <text x={0} y={y + 18} font-size="12" fill="currentColor">{props.tierLabel(row.tier)}</text>
            <rect x={labelWidth} y={y} width={Math.max(1, row.customerShare * barMax)} height={12} fill={c.fill} />
            <text x={labelWidth + row.customerShare * barMax + 4} y={y + 10} font-size="10" fill="currentColor">{pct(row.customerShare)}</text>
            <rect x={labelWidth} y={y + 14} width={Math.max(1, row.valueShare * barMax)} height={12} fill={c.strong} />
            <text x={labelWidth + row.valueShare * barMax + 4} y={y + 24} font-size="10" fill="currentColor">{pct(row.valueShare)}</text>
          </g>
        );
      })}
      <g transform={`translate(${labelWidth}, ${height - 12})`}>
        <rect width={10} height={10} fill="#ccc" />
        <text x={14} y={9} font-size="11" fill="currentColor">{props.customerLabel}</text>
        <rect x={150} width={10} height={10} fill="#555" />
        <text x={164} y={9} font-size="11" fill="currentColor">{props.valueLabel}</text>
      </g>
    </svg>
  );
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
