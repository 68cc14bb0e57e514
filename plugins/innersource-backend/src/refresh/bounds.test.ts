import type { RepositoryFacts } from '@innersource-for-backstage/plugin-innersource-common';
import { BOUNDS, boundFacts, clip, clipList } from './bounds';

describe('clip', () => {
  it.each([
    ['keeps a short text as it is', 'Portal', 10, 'Portal'],
    ['cuts a long text to the bound', 'abcdefghij', 4, 'abcd'],
    ['removes NUL, which PostgreSQL cannot store', 'a\u0000b', 10, 'ab'],
    ['removes other control characters', 'a\u0007b\u001bc\u007f', 10, 'abc'],
    ['keeps tabs and new lines', 'a\tb\nc', 10, 'a\tb\nc'],
    ['never splits a surrogate pair', 'ab😀cd', 3, 'ab'],
    [
      'counts characters after the control ones are gone',
      '\u0000abc',
      3,
      'abc',
    ],
  ])('%s', (_what, text, max, expected) => {
    expect(clip(text, max)).toBe(expected);
  });
});

describe('clipList', () => {
  it('keeps strings only, trimmed and clipped, without empty ones, at most the given number', () => {
    expect(
      clipList(['  go ', 42, '', 'x'.repeat(10), null, 'rust'], 5, 3),
    ).toEqual(['go', 'xxxxx', 'rust']);
  });
});

describe('boundFacts', () => {
  const base: RepositoryFacts = {
    provider: 'github',
    repository: 'acme/portal',
    collectedAt: '2026-11-24T10:00:00.000Z',
    windowDays: 90,
    description: null,
    defaultBranch: 'main',
    primaryLanguage: 'TypeScript',
    stars: 1,
    forks: 0,
    watchers: 0,
    openIssues: 0,
    createdAt: null,
    updatedAt: null,
    weeklyCommits: null,
    commits: null,
    pullRequests: null,
    issuesOpened: null,
    helpWantedIssues: null,
    files: null,
    innersourceJson: null,
  };
  const long = 'x'.repeat(10_000);

  it('bounds every text a repository or forge controls', () => {
    const bounded = boundFacts({
      ...base,
      description: long,
      primaryLanguage: long,
      commits: [
        {
          sha: 'a',
          author: { name: long, email: `${long}@x`, login: long },
          committedAt: '2026-11-20T00:00:00.000Z',
        },
      ],
      helpWantedIssues: [
        {
          id: long,
          title: `evil\u0000${long}`,
          url: `https://x/${long}`,
          labels: [long, ...Array.from({ length: 100 }, (_, i) => `l${i}`)],
          createdAt: '2026-11-20T00:00:00.000Z',
          updatedAt: '2026-11-20T00:00:00.000Z',
          comments: 0,
          assignee: long,
        },
      ],
      innersourceJson: {
        title: long,
        motivation: long,
        skills: [long, 7 as unknown as string],
        contributions: Array.from({ length: 500 }, () => 'help'),
      },
    });
    expect(bounded.description).toHaveLength(BOUNDS.description);
    expect(bounded.primaryLanguage).toHaveLength(BOUNDS.language);
    const author = bounded.commits![0].author;
    expect(author.name).toHaveLength(BOUNDS.personName);
    expect(author.email).toHaveLength(BOUNDS.email);
    expect(author.login).toHaveLength(BOUNDS.login);
    const task = bounded.helpWantedIssues![0];
    expect(task.id).toHaveLength(BOUNDS.taskId);
    expect(task.title).toHaveLength(BOUNDS.taskTitle);
    expect(task.title).not.toContain('\u0000');
    expect(task.labels).toHaveLength(BOUNDS.labelsPerTask);
    expect(task.labels[0]).toHaveLength(BOUNDS.label);
    expect(task.assignee).toHaveLength(BOUNDS.assignee);
    expect(bounded.innersourceJson!.title).toHaveLength(BOUNDS.title);
    expect(bounded.innersourceJson!.skills).toEqual(['x'.repeat(BOUNDS.skill)]);
    expect(bounded.innersourceJson!.contributions).toHaveLength(
      BOUNDS.listLength,
    );
  });

  it('keeps unknown facts unknown and known short ones as they are', () => {
    expect(boundFacts(base)).toEqual(base);
  });

  it('keeps at most the bound of tasks per project', () => {
    const many = Array.from({ length: BOUNDS.tasksPerProject + 5 }, (_, i) => ({
      id: `I_${i}`,
      title: 't',
      url: 'https://x',
      labels: ['help wanted'],
      createdAt: '2026-11-20T00:00:00.000Z',
      updatedAt: '2026-11-20T00:00:00.000Z',
      comments: 0,
    }));
    expect(
      boundFacts({ ...base, helpWantedIssues: many }).helpWantedIssues,
    ).toHaveLength(BOUNDS.tasksPerProject);
  });
});
