/**
 * The forge a readiness proposal is for: where its files go and how they
 * word a change request (pull request on GitHub, merge request on GitLab).
 *
 * @public
 */
export type ReadinessForge = 'github' | 'gitlab';

/** How the forge calls a proposed change. */
export function changeRequestName(forge: ReadinessForge): string {
  return forge === 'gitlab' ? 'merge request' : 'pull request';
}

/**
 * Whose authority a forge request carries: the user's own token, passed to
 * the action by the template, or else the portal's credentials from
 * `integrations.github` / `integrations.gitlab`.
 *
 * @public
 */
export interface ForgeCredentials {
  /** The user's own forge token; the integration's credentials when absent. */
  userToken?: string;
}
