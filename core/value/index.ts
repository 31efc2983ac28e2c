export { businessValue } from './business-value.ts';
export { customerEquity } from './customer-equity.ts';
