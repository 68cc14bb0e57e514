/** A remote repository URL the git provider may clone, split from any folder in it. */
export interface CloneTarget {
  /** What git clones. */
  cloneUrl: string;
  host: string;
  /** A folder inside the repository the entity is about, when the URL named one. */
  subPath: string;
  /** Where a browser opens the repository, for https URLs. */
  webUrl?: string;
}

const SCP_LIKE = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):([A-Za-z0-9._~/-]+)$/;
// Browsing URLs of GitHub (/tree/<ref>/…, /blob/<ref>/…) and GitLab (/-/tree/<ref>/…).
const BROWSE =
  /^(\/[^/]+\/[^/]+(?:\/[^/-][^/]*)*?)\/(?:-\/)?(?:tree|blob)\/[^/]+(?:\/(.*))?$/;

/**
 * Checks a source-location URL against the rules (https or ssh, an allowed
 * host, nothing git could read as an option) and finds what to clone.
 * Returns an error message naming the URL and the rule it broke.
 */
export function parseCloneTarget(
  raw: string,
  allowedHosts: ReadonlySet<string>,
): CloneTarget | { error: string } {
  const url = raw.trim();
  const hasControlOrSpace = [...url].some(
    ch => ch.charCodeAt(0) < 32 || /\s/.test(ch),
  );
  if (url.startsWith('-') || hasControlOrSpace) {
    return { error: `${raw} is not a repository URL` };
  }
  // Checked before parsing: URL parsing quietly resolves dot segments.
  if (/(^|\/)\.\.?(\/|$)/.test(url.replace(/^[a-z+]+:\/\//i, ''))) {
    return { error: `${url} points outside its repository` };
  }
  const scp = SCP_LIKE.exec(url);
  if (scp) {
    const host = scp[2].toLocaleLowerCase('en-US');
    if (!allowedHosts.has(host)) return notAllowed(url, host);
    return { cloneUrl: url, host, subPath: '' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `${url} is not a repository URL` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'ssh:') {
    return {
      error: `${url} uses ${parsed.protocol.replace(
        /:$/,
        '',
      )}; only https and ssh repositories are cloned`,
    };
  }
  if (parsed.username && parsed.password) {
    return {
      error: `${parsed.protocol}//${parsed.host}/… carries a password; configure credentials in integrations instead`,
    };
  }
  const host = parsed.hostname.toLocaleLowerCase('en-US');
  if (!allowedHosts.has(host)) return notAllowed(url, host);

  let repositoryPath = parsed.pathname.replace(/\/+$/, '');
  let subPath = '';
  const browse = BROWSE.exec(repositoryPath);
  if (browse) {
    repositoryPath = browse[1];
    subPath = (browse[2] ?? '').replace(/\/+$/, '');
  }
  const base = `${parsed.protocol}//${
    parsed.username ? `${parsed.username}@` : ''
  }${parsed.host}${repositoryPath}`;
  return {
    cloneUrl: base,
    host,
    subPath,
    ...(parsed.protocol === 'https:'
      ? { webUrl: base.replace(/\.git$/, '') }
      : {}),
  };
}

function notAllowed(url: string, host: string) {
  return {
    error: `${url} is on ${host}, which is neither in integrations nor in innersource.git.allowedHosts`,
  };
}
