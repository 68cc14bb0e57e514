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
