/**
 * The GitHub provider for InnerSource for Backstage: repository facts,
 * pull requests and help-wanted issues from GitHub and GitHub Enterprise
 * Server through batched GraphQL.
 *
 * @packageDocumentation
 */

export { innersourceModuleGithub as default } from './module';
export { GithubProvider } from './GithubProvider';
export { readGithubSettings, DEFAULT_GITHUB_SETTINGS } from './settings';
export type { GithubProviderSettings } from './settings';
