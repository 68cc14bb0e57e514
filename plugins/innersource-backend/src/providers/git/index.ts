export { GitProvider, gitAuthConfig } from './GitProvider';
export type { GitProviderOptions } from './GitProvider';
