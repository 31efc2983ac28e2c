/**
 * Files that carry cvlens results between products.
 */
export {
  guardCell,
  isScoredCustomersCsv,
  parseScoredCustomersCsv,
  SCORED_CUSTOMER_COLUMNS,
  toScoredCustomersCsv,
  unguard,
  type ScoredCustomer,
  type ScoredCustomersFile,
} from './scored-customers.ts';
