import type {
  InnerSourceProvider,
  RepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';
import { ProviderRegistry } from './ProviderRegistry';

function provider(
  id: string,
  hosts: string[],
  supports: (l: RepositoryLocation) => boolean,
): InnerSourceProvider {
  return { id, hosts, supports, batchSize: 1, collect: async () => [] };
}

const git = provider(
  'git',
  ['git.acme.example'],
  l => l.type === 'path' || l.type === 'url',
);
const github = provider(
  'github',
  ['github.com'],
  l => l.type === 'github' || (l.type === 'url' && l.host === 'github.com'),
);

describe('ProviderRegistry', () => {
  it('refuses two providers claiming one host, naming both and the host', () => {
    expect(
      () =>
        new ProviderRegistry([
          github,
          provider('git', ['GitHub.com'], () => true),
        ]),
    ).toThrow(
      'innersource: providers "github" and "git" both claim repositories on github.com; configure that host for one of them only (for the git provider: innersource.git.allowedHosts)',
    );
  });

  it('refuses a provider module installed twice', () => {
    expect(() => new ProviderRegistry([github, github])).toThrow(
      'innersource: two providers have the id "github"; install each provider module once',
    );
  });

  it.each([
    [
      'a GitHub slug goes to the GitHub provider',
      { type: 'github', host: 'github.com', slug: 'a/b' },
      'github',
    ],
    [
      'a URL on a host the GitHub provider claims goes to it, not to git',
      { type: 'url', host: 'github.com', url: 'https://github.com/a/b' },
      'github',
    ],
    [
      'a URL on an unclaimed host goes to the first provider that supports it',
      {
        type: 'url',
        host: 'other.example',
        url: 'https://other.example/a.git',
      },
      'git',
    ],
    ['a folder goes to git', { type: 'path', path: '/srv/repo' }, 'git'],
    [
      'a GitLab slug has no provider',
      { type: 'gitlab', host: 'gitlab.com', slug: 'a/b' },
      undefined,
    ],
  ] as Array<[string, RepositoryLocation, string | undefined]>)(
    '%s',
    (_name, location, expected) => {
      expect(new ProviderRegistry([git, github]).select(location)?.id).toBe(
        expected,
      );
    },
  );
});
