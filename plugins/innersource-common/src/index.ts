/**
 * Types, the scoring engine and permissions shared by the InnerSource plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './catalog';
