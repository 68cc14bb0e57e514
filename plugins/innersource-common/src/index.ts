/**
 * Types, catalog conventions, the scoring engine and permissions shared by
 * the InnerSource plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './catalog';
export * from './facts';
export * from './contributors';
export * from './weeklyCommits';
export * from './metrics';
export * from './metricCatalogue';
export * from './readinessCatalogue';
export * from './trend';
export * from './score';
export * from './api';
export * from './scoring';
export * from './search';
export * from './time';
export * from './client';
export * from './notifications';
export * from './metricRules';
