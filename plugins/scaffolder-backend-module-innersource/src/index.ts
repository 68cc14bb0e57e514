/**
 * The scaffolder action `innersource:readiness:pull-request`: one pull
 * request adding what an InnerSource project's failing readiness checks ask for.
 *
 * @packageDocumentation
 */
export { scaffolderModuleInnerSource as default } from './module';
export {
  createReadinessPullRequestAction,
  READINESS_PULL_REQUEST_ACTION_ID,
} from './actions/readinessPullRequest';
export type { ReadinessPullRequestOptions } from './actions/readinessPullRequest';
export { GithubReadinessRepository } from './github/GithubReadinessRepository';
export { GitlabReadinessRepository } from './gitlab/GitlabReadinessRepository';
export type {
  GitlabTarget,
  GitlabRepositoryState,
} from './gitlab/GitlabReadinessRepository';
export type { ForgeCredentials, ReadinessForge } from './proposal/forge';
export type {
  GithubTarget,
  GithubRepositoryState,
  PullRequestPlan,
} from './github/GithubReadinessRepository';
export { proposeReadinessChanges } from './proposal/proposeReadinessChanges';
export type {
  ProposalInput,
  ProposalReason,
  ProposedFile,
  ProposedLabel,
  ReadinessProposal,
  RepositoryState,
} from './proposal/proposeReadinessChanges';
// Read by `readLabelSettings` in the node library; re-exported because the action's options use it.
export type { LabelSettings } from '@innersource-for-backstage/plugin-innersource-node';
export type { ProjectDetails } from './proposal/contents';
