import type {
  InnerSourceJson,
  RepositoryFiles,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * Which InnerSource base documents a repository has, from the names of the
 * entries in its root, `.github/`, `docs/` and `.gitlab/` folders, each given
 * as a path from the root (`README.md`, `.github/CODEOWNERS`). With `prefix`
 * (an entity's folder in a monorepo, ending in `/`), that folder counts too.
 *
 * @public
 */
export function detectRepositoryFiles(
  entries: Iterable<string>,
  prefix = '',
): RepositoryFiles {
  const names = new Set([...entries].map(e => e.toLocaleLowerCase('en-US')));
  const prefixes = prefix ? [prefix.toLocaleLowerCase('en-US'), ''] : [''];
  const inFolders = (...sub: string[]) =>
    prefixes.flatMap(p => sub.map(s => `${p}${s}`));
  const has = (folders: string[], pattern: RegExp) =>
    folders.some(folder =>
      [...names].some(name => {
        if (!name.startsWith(folder)) return false;
        const rest = name.slice(folder.length);
        return !rest.includes('/') && pattern.test(rest);
      }),
    );
  return {
    readme: has(inFolders(''), /^readme(\.|$)/),
    contributing: has(
      inFolders('', '.github/', 'docs/'),
      /^contributing(\.|$)/,
    ),
    codeowners: has(inFolders('', '.github/', 'docs/'), /^codeowners$/),
    license: has(inFolders(''), /^(licen[cs]e|copying)(\.|$)/),
    issueTemplate:
      has(inFolders('.github/'), /^(issue_template(\.md)?)$/) ||
      has(inFolders('.gitlab/'), /^issue_templates$/) ||
      has(inFolders(''), /^issue_template\.md$/),
    pullRequestTemplate:
      has(
        inFolders('.github/', '', 'docs/'),
        /^pull_request_template(\.md)?$/,
      ) || has(inFolders('.gitlab/'), /^merge_request_templates$/),
    innersourceJson: prefixes.some(p => names.has(`${p}innersource.json`)),
  };
}

/**
 * The known fields of an `innersource.json`. Throws a SyntaxError for text
 * that is not JSON; anything but an object gives null.
 *
 * @public
 */
export function parseInnerSourceJson(text: string): InnerSourceJson | null {
  const raw: unknown = JSON.parse(text);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const source = raw as Record<string, unknown>;
  const result: InnerSourceJson = {};
  for (const key of [
    'title',
    'motivation',
    'logo',
    'docs',
    'language',
  ] as const) {
    if (typeof source[key] === 'string') result[key] = source[key] as string;
  }
  for (const key of ['contributions', 'skills'] as const) {
    const list = source[key];
    if (Array.isArray(list))
      result[key] = list.filter((v): v is string => typeof v === 'string');
  }
  return result;
}
