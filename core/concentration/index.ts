export { gini } from './gini.ts';
export { topShare } from './top-share.ts';
