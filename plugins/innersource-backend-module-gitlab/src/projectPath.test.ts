import { gitlabProjectOf } from './projectPath';

describe('gitlabProjectOf', () => {
  it.each([
    [
      'a gitlab.com/project-slug with subgroups',
      {
        type: 'gitlab' as const,
        host: 'GitLab.com',
        slug: 'acme/platform/portal',
      },
      '',
      { host: 'gitlab.com', fullPath: 'acme/platform/portal' },
    ],
    [
      'a source location browsing a folder',
      {
        type: 'url' as const,
        host: 'git.acme.example',
        url: 'https://git.acme.example/acme/platform/portal/-/tree/main/docs',
      },
      '',
      { host: 'git.acme.example', fullPath: 'acme/platform/portal' },
    ],
    [
      'a clone URL',
      {
        type: 'url' as const,
        host: 'gitlab.com',
        url: 'https://gitlab.com/acme/portal.git',
      },
      '',
      { host: 'gitlab.com', fullPath: 'acme/portal' },
    ],
    [
      'a self-managed GitLab under a folder',
      {
        type: 'url' as const,
        host: 'git.acme.example',
        url: 'https://git.acme.example/gitlab/acme/portal/-/blob/main/README.md',
      },
      '/gitlab',
      { host: 'git.acme.example', fullPath: 'acme/portal' },
    ],
  ])('reads %s', (_name, location, relativePath, expected) => {
    expect(gitlabProjectOf(location, relativePath)).toEqual(expected);
  });

  it.each([
    [
      {
        type: 'url' as const,
        host: 'gitlab.com',
        url: 'https://gitlab.com/acme',
      },
      'https://gitlab.com/acme does not name a GitLab project (https://gitlab.com/group/project)',
    ],
    [
      { type: 'path' as const, path: '/srv/repos/x' },
      'the GitLab provider only collects GitLab projects',
    ],
  ])('explains a location that names no project: %p', (location, error) => {
    expect(gitlabProjectOf(location)).toEqual({ error });
  });
});
