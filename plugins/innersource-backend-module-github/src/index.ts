/**
 * The GitHub provider for InnerSource for Backstage: repository facts,
 * pull requests and help-wanted issues from GitHub and GitHub Enterprise
 * Server through batched GraphQL.
 *
 * @packageDocumentation
 */

export { innersourceModuleGithub as default } from './module';
export {
  GithubProvider,
  readGithubSettings,
  DEFAULT_GITHUB_SETTINGS,
} from './GithubProvider';
export type { GithubProviderSettings } from './GithubProvider';
