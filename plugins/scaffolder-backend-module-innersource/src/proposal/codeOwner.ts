import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
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
 * The GitLab path of a Group or User that Backstage's GitLab org provider
 * ingested from the GitLab at `baseUrl`: its location is the group's or
 * user's web page there (`…/groups/acme/platform`, `…/jane`).
 */
function ingestedGitlabPath(
  owner: Entity,
  kind: 'group' | 'user',
  baseUrl: string | undefined,
): string | undefined {
  const location = owner.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!baseUrl || !location?.startsWith('url:')) return undefined;
  const page = location.slice('url:'.length);
  const base = `${baseUrl.replace(/\/+$/, '')}/`;
  if (!page.startsWith(base)) return undefined;
  let path = page.slice(base.length).replace(/\/+$/, '');
  if (kind === 'group') {
    if (!path.startsWith('groups/')) return undefined;
    path = path.slice('groups/'.length);
    return isGitlabNamespace(path) ? path : undefined;
  }
  return isGitlabPathSegment(path) ? path : undefined;
}

/**
 * Who a GitLab CODEOWNERS names for the entity's owner. A Group or User that
 * Backstage's GitLab org provider ingested from this GitLab (its location is
 * its page there) by its own path; otherwise, for a Group, the subgroup named
 * like it in the project's namespace (`@acme/platform/payments` for a project
 * in `acme/platform`), for a User, its `gitlab.com/user-login`. Every name is
 * checked against GitLab's path rules, so nothing else can reach a CODEOWNERS
 * line.
 */
export function resolveGitlabCodeOwner(
  owner: Entity | undefined,
  ownerRef: string | undefined,
  projectNamespace: string,
  baseUrl?: string,
): { handle: string } | { error: string } {
  if (!owner) return missingOwner(ownerRef);
  const ref = stringifyEntityRef(owner);
  const kind = owner.kind.toLocaleLowerCase('en-US');
  if (kind === 'group') {
    const ingested = ingestedGitlabPath(owner, kind, baseUrl);
    if (ingested) return { handle: `@${ingested}` };
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
    const ingested = ingestedGitlabPath(owner, kind, baseUrl);
    if (ingested) return { handle: `@${ingested}` };
    return {
      error: `${ref} has no valid ${GITLAB_USER_LOGIN_ANNOTATION} annotation`,
    };
  }
  return { error: `the owner ${ref} is neither a Group nor a User` };
}
