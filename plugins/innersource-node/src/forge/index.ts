export * from './ForgeCollector';
export * from './RateBudget';
export * from './results';
