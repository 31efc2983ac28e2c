/** Seeded simulation of customers and transactions (BG/NBD purchases, Gamma-Gamma spend). */
export type { Rng } from './prng.ts';
export { createRng } from './prng.ts';
export { sampleNormal, sampleExponential, sampleGamma, sampleBeta, samplePoisson } from './samplers.ts';
export type { Identity } from './identities.ts';
export { makeIdentity } from './identities.ts';
export type { SimulateOptions, SimulationTruth, SimulationResult } from './simulate-customers.ts';
export { simulateCustomers, simulateTransactionsCsv, transactionsToCsv } from './simulate-customers.ts';
