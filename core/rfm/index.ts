export { quintileScores, rfmScores } from './score.ts';
export type { RfmInput, RfmScore } from './score.ts';
export { RFM_SEGMENT_GRID, RFM_SEGMENTS, rfmSegment } from './segments.ts';
