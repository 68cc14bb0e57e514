/**
 * The provider extension point and provider interface, for backend modules
 * that collect InnerSource facts from a forge.
 *
 * @packageDocumentation
 */

export * from './provider';
export * from './extensions';
export * from './location';
export * from './repositoryContent';
export * from './repositoryRule';
export * from './labelSettings';
export * from './forgeSettings';
export * from './forge';
