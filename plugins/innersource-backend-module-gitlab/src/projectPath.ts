import type { RepositoryLocation } from '@innersource-for-backstage/plugin-innersource-node';

export interface GitlabProjectRef {
  host: string;
  /** `group/subgroup/project`, as GitLab's `fullPath`. */
  fullPath: string;
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * The GitLab project a location names. A URL's project path ends where
 * GitLab's `/-/` begins (`…/group/project/-/tree/main/docs`) or at `.git`;
 * `relativePath` is the path of a self-managed GitLab served under a folder
 * (the integration's `baseUrl`, say `/gitlab`).
 */
export function gitlabProjectOf(
  location: RepositoryLocation,
  relativePath = '',
): GitlabProjectRef | { error: string } {
  if (location.type === 'gitlab') {
    return {
      host: location.host.toLocaleLowerCase('en-US'),
      fullPath: location.slug,
    };
  }
  if (location.type !== 'url') {
    return { error: 'the GitLab provider only collects GitLab projects' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(location.url).pathname);
  } catch {
    return { error: `${location.url} is not a URL` };
  }
  const prefix = relativePath.replace(/\/+$/, '');
  if (prefix && pathname.startsWith(`${prefix}/`)) {
    pathname = pathname.slice(prefix.length);
  }
  const projectPart = pathname.split('/-/')[0];
  const segments = projectPart.split('/').filter(Boolean);
  if (segments.length > 0) {
    segments[segments.length - 1] = segments[segments.length - 1].replace(
      /\.git$/,
      '',
    );
  }
  if (segments.length < 2 || !segments.every(s => SEGMENT.test(s))) {
    return {
      error: `${location.url} does not name a GitLab project (https://${location.host}/group/project)`,
    };
  }
  return {
    host: location.host.toLocaleLowerCase('en-US'),
    fullPath: segments.join('/'),
  };
}
