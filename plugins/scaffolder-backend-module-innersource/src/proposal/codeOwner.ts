import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  isGithubLogin,
  isGithubTeamSlug,
  isGitlabNamespace,
  isGitlabPathSegment,
  singleLine,
} from './text';

export const TEAM_SLUG_ANNOTATION = 'github.com/team-slug';
export const USER_LOGIN_ANNOTATION = 'github.com/user-login';
export const GITLAB_USER_LOGIN_ANNOTATION = 'gitlab.com/user-login';

function missingOwner(
  ownerRef: string | undefined,
): { handle: string } | { error: string } {
  return {
    error: ownerRef
      ? `the owner ${singleLine(ownerRef)} is not in the catalog`
      : 'the entity names no owner (spec.owner)',
  };
}

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
  if (!owner) return missingOwner(ownerRef);
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

/**
 * Who a GitLab CODEOWNERS names for the entity's owner: for a Group, the
 * subgroup named like it in the project's namespace (`@acme/platform/payments`
 * for a project in `acme/platform`); for a User, its `gitlab.com/user-login`.
 * The catalog has no annotation for GitLab groups. Every name is checked
 * against GitLab's path rules, so nothing else can reach a CODEOWNERS line.
 */
export function resolveGitlabCodeOwner(
  owner: Entity | undefined,
  ownerRef: string | undefined,
  projectNamespace: string,
): { handle: string } | { error: string } {
  if (!owner) return missingOwner(ownerRef);
  const ref = stringifyEntityRef(owner);
  const kind = owner.kind.toLocaleLowerCase('en-US');
  if (kind === 'group') {
    const name = owner.metadata.name;
    if (isGitlabPathSegment(name) && isGitlabNamespace(projectNamespace)) {
      return { handle: `@${projectNamespace}/${name}` };
    }
    return {
      error: `${ref} is not a GitLab group path segment, so no group of ${singleLine(
        projectNamespace,
        120,
      )} can be named after it`,
    };
  }
  if (kind === 'user') {
    const login =
      owner.metadata.annotations?.[GITLAB_USER_LOGIN_ANNOTATION]?.trim();
    if (login && isGitlabPathSegment(login)) return { handle: `@${login}` };
    return {
      error: `${ref} has no valid ${GITLAB_USER_LOGIN_ANNOTATION} annotation`,
    };
  }
  return { error: `the owner ${ref} is neither a Group nor a User` };
}
