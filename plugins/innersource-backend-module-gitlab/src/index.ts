/**
 * The GitLab provider for InnerSource for Backstage: project facts, merge
 * requests and help-wanted issues from GitLab.com and self-managed GitLab,
 * through batched GraphQL and REST v4.
 *
 * @packageDocumentation
 */

export { innersourceModuleGitlab as default } from './module';
export { GitlabProvider } from './GitlabProvider';
export { readGitlabSettings, DEFAULT_GITLAB_SETTINGS } from './settings';
export type { GitlabProviderSettings } from './settings';
export type { RequestCounters } from './GitlabClient';
