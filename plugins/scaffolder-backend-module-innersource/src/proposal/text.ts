/**
 * Values from the catalog (titles, descriptions, skills, label names) are
 * data: they may not add a line, a Markdown construct or HTML to a file the
 * pull request proposes.
 */

// Control characters, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line: every control character and line break becomes a space, runs of spaces one, cut to `max` characters. */
export function singleLine(value: string, max = 200): string {
  const line = value.replace(LINE_BREAKING, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

// Every ASCII punctuation character CommonMark lets a backslash escape that
// can start markup inside a line: emphasis, code, links, images, HTML,
// tables, strike-through, headings and entities.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#|~!&]/g;

/** A value shown as plain text inside a Markdown line. */
export function inlineMarkdown(value: string, max = 200): string {
  return singleLine(value, max).replace(MARKDOWN_SPECIAL, c => `\\${c}`);
}

/** GitHub organisation and user names: letters, digits and single hyphens, at most 39 characters. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
/** GitHub team slugs: lower-case letters, digits, hyphens and underscores. */
const GITHUB_TEAM_SLUG = /^[a-z0-9][a-z0-9_-]{0,99}$/;

export function isGithubLogin(value: string): boolean {
  return GITHUB_LOGIN.test(value);
}

export function isGithubTeamSlug(value: string): boolean {
  return GITHUB_TEAM_SLUG.test(value);
}

/** GitHub label names: one line of at most 50 characters. */
export function isGithubLabelName(value: string): boolean {
  return (
    value.length > 0 && value.length <= 50 && singleLine(value, 51) === value
  );
}

/**
 * A GitLab group, subgroup or user path segment: letters, digits, `_`, `-`
 * and `.`, starting and ending with a letter, digit or `_`, no two special
 * characters in a row, not ending in `.git` or `.atom`, at most 255 characters.
 */
const GITLAB_PATH_SEGMENT =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_]|[.-](?=[A-Za-z0-9_])){0,254}$/;

export function isGitlabPathSegment(value: string): boolean {
  return GITLAB_PATH_SEGMENT.test(value) && !/\.(git|atom)$/i.test(value);
}

/** A GitLab group path: one or more segments joined by `/` (`acme/platform`). */
export function isGitlabNamespace(value: string): boolean {
  const segments = value.split('/');
  return segments.length <= 20 && segments.every(isGitlabPathSegment);
}

/** GitLab label names: one line of at most 255 characters. */
export function isGitlabLabelName(value: string): boolean {
  return (
    value.length > 0 && value.length <= 255 && singleLine(value, 256) === value
  );
}

/**
 * Label names the action writes into a pull request's body: letters, digits,
 * spaces and `. _ : / + -`, starting with a letter or digit. Nothing a shell,
 * a workflow expression or Markdown reads as more than text.
 */
const PLAIN_LABEL = /^[\p{L}\p{N}][\p{L}\p{N} ._:/+-]*$/u;

export function isPlainLabelName(value: string): boolean {
  return PLAIN_LABEL.test(value);
}
