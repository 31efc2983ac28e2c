/**
 * The colours of tiers and value-matrix cells, shared by every product so a
 * VIP looks the same in the workbook, the Excel sheet and the CRM badge.
 * Chosen for contrast with black text (fill) and white text (badge); each
 * pair passes WCAG AA at normal text size.
 */
import type { MatrixCell, Tier } from './types.ts';

export interface Swatch {
  /** Light fill for table cells, with dark text. `#rrggbb`. */
  fill: string;
  /** Strong colour for badges, with white text. `#rrggbb`. */
  strong: string;
}

export const tierColors: Readonly<Record<Tier, Swatch>> = {
  VIP: { fill: '#f8e08e', strong: '#8a5a00' },
  Major: { fill: '#b9d7f5', strong: '#1f5f9e' },
  Ordinary: { fill: '#c8e6c9', strong: '#2e6b30' },
  Small: { fill: '#e0e0e0', strong: '#555555' },
};

export const matrixColors: Readonly<Record<MatrixCell, Swatch>> = {
  Gold: { fill: '#f8e08e', strong: '#8a5a00' },
  Platinum: { fill: '#dde3ea', strong: '#4a5a6a' },
  Iron: { fill: '#cfd8dc', strong: '#37474f' },
  Lead: { fill: '#d7ccc8', strong: '#5d4037' },
};
