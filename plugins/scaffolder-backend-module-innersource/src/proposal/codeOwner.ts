import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isGithubLogin, isGithubTeamSlug, singleLine } from './text';

export const TEAM_SLUG_ANNOTATION = 'github.com/team-slug';
export const USER_LOGIN_ANNOTATION = 'github.com/user-login';

/**
 * Who CODEOWNERS names for the entity's owner: a Group's GitHub team from its
 * `github.com/team-slug` annotation (`org/team`), else the team of the
 * repository's organisation named like the Group; a User's
 * `github.com/user-login`. Every name is checked against GitHub's rules, so
 * nothing else can reach a CODEOWNERS line.
 */
export function resolveCodeOwner(
  owner: Entity | undefined,
  ownerRef: string | undefined,
  repositoryOwner: string,
): { handle: string } | { error: string } {
  if (!owner) {
    return {
      error: ownerRef
        ? `the owner ${singleLine(ownerRef)} is not in the catalog`
        : 'the entity names no owner (spec.owner)',
    };
  }
  const ref = stringifyEntityRef(owner);
  const annotations = owner.metadata.annotations ?? {};
  if (owner.kind.toLocaleLowerCase('en-US') === 'group') {
    const annotated = annotations[TEAM_SLUG_ANNOTATION];
    if (annotated !== undefined) {
      const [org, team, ...rest] = annotated.trim().split('/');
      if (
        rest.length === 0 &&
        org &&
        team &&
        isGithubLogin(org) &&
        isGithubTeamSlug(team)
      ) {
        return { handle: `@${org}/${team}` };
      }
      return {
        error: `${TEAM_SLUG_ANNOTATION} of ${ref} is ${JSON.stringify(
          singleLine(annotated, 120),
        )}, not of the form organisation/team-slug`,
      };
    }
    const team = owner.metadata.name.toLocaleLowerCase('en-US');
    if (isGithubTeamSlug(team) && isGithubLogin(repositoryOwner)) {
      return { handle: `@${repositoryOwner}/${team}` };
    }
    return {
      error: `${ref} has no ${TEAM_SLUG_ANNOTATION} annotation and its name is not a GitHub team slug`,
    };
  }
  if (owner.kind.toLocaleLowerCase('en-US') === 'user') {
    const login = annotations[USER_LOGIN_ANNOTATION]?.trim();
    if (login && isGithubLogin(login)) return { handle: `@${login}` };
    return {
      error: `${ref} has no valid ${USER_LOGIN_ANNOTATION} annotation`,
    };
  }
  return { error: `the owner ${ref} is neither a Group nor a User` };
}
