import {
  REPOSITORY_FILE_LOCATIONS,
  type InnerSourceJson,
  type ReadinessProvider,
  type RepositoryFiles,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * Which InnerSource base documents a repository has, from the names of the
 * entries in the folders the readiness catalogue names for the provider
 * (`readinessFolders`), each given as a path from the root (`README.md`,
 * `.github/CODEOWNERS`). With `prefix` (an entity's folder in a monorepo,
 * ending in `/`), that folder counts too. The `git` provider's rules, the
 * default, are those of every forge together.
 *
 * @public
 */
export function detectRepositoryFiles(
  entries: Iterable<string>,
  prefix = '',
  provider: ReadinessProvider = 'git',
): RepositoryFiles {
  const names = [...entries].map(e => e.toLocaleLowerCase('en-US'));
  const prefixes = prefix ? [prefix.toLocaleLowerCase('en-US'), ''] : [''];
  const found = (key: keyof RepositoryFiles) =>
    REPOSITORY_FILE_LOCATIONS[key].detect[provider].some(rule =>
      prefixes.some(p => {
        const folder = `${p}${rule.folder}`;
        return names.some(name => {
          if (!name.startsWith(folder)) return false;
          const rest = name.slice(folder.length);
          return !rest.includes('/') && rule.name.test(rest);
        });
      }),
    );
  return Object.fromEntries(
    Object.keys(REPOSITORY_FILE_LOCATIONS).map(key => [
      key,
      found(key as keyof RepositoryFiles),
    ]),
  ) as unknown as RepositoryFiles;
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
