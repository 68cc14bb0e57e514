import { http } from 'msw';
import type { FakeGitlab, FakeProject } from './FakeGitlab';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * A project of realistic size for a day `now`: `commits` commits (one in
 * four by Olga, an outsider), 20 merge requests and 5 labelled issues in the
 * last 90 days, the base documents in GitLab's places.
 */
export function fakeProject(
  fullPath: string,
  now: Date,
  options: {
    id?: number;
    commits?: number;
    visibility?: FakeProject['visibility'];
  } = {},
): FakeProject {
  const name = fullPath.split('/').pop()!;
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const ago = (days: number) => at(days * DAY_MS);
  const commits = options.commits ?? 40;
  return {
    id: options.id ?? 1000 + name.length,
    fullPath,
    description: `The ${name} service, with contributions welcome`,
    visibility: options.visibility ?? 'internal',
    createdAt: ago(900),
    lastActivityAt: ago(1),
    starCount: 40,
    forksCount: 7,
    languages: [
      { name: 'Shell', share: 12.5 },
      { name: 'TypeScript', share: 80.1 },
    ],
    defaultBranch: 'main',
    commits: Array.from({ length: commits }, (_, i) => ({
      id: `${name}-c${i}`.padEnd(40, '0'),
      committedDate: ago(1 + ((i * 2) % 85)),
      ...(i % 4 === 0
        ? { authorName: 'Olga Outsider', authorEmail: 'olga@acme.example' }
        : { authorName: 'Ian Insider', authorEmail: 'ian@acme.example' }),
    })),
    mergeRequests: Array.from({ length: 20 }, (_, i) => {
      const opened = now.getTime() - (2 + i * 4) * DAY_MS;
      const merged = i % 5 !== 0;
      return {
        iid: i + 1,
        title: `Change ${i + 1} to ${name}`,
        createdAt: new Date(opened).toISOString(),
        updatedAt: ago(1 + i * 4),
        state: merged ? ('merged' as const) : ('opened' as const),
        ...(merged ? { mergedAt: ago(1 + i * 4) } : {}),
        author: { username: i % 2 ? 'olga' : 'ian' },
        notes: [
          // a push by the author, a bot's comment, then a reviewer's
          {
            author: { username: i % 2 ? 'olga' : 'ian' },
            createdAt: new Date(opened + HOUR_MS / 2).toISOString(),
            system: true,
          },
          {
            author: { username: 'project_7_bot_3f1a', bot: true },
            createdAt: new Date(opened + HOUR_MS).toISOString(),
          },
          {
            author: { username: i % 2 ? 'ian' : 'olga' },
            createdAt: new Date(opened + 6 * HOUR_MS).toISOString(),
          },
        ],
      };
    }),
    issues: Array.from({ length: 5 }, (_, i) => ({
      iid: 100 + i,
      title: `Help wanted on ${name} #${i}`,
      createdAt: ago(10 + i),
      updatedAt: ago(3 + i),
      state: 'opened' as const,
      labels: i < 2 ? ['good first issue', 'help wanted'] : ['help wanted'],
      userNotesCount: i,
      ...(i === 0 ? { assignee: 'olga' } : {}),
    })),
    files: [
      'README.md',
      'LICENSE',
      'CONTRIBUTING.md',
      '.gitlab/CODEOWNERS',
      '.gitlab/issue_templates/Bug.md',
      '.gitlab/merge_request_templates/Default.md',
      'innersource.json',
      'src/index.ts',
    ],
    innersourceJson: JSON.stringify({
      title: name,
      skills: ['typescript', 'graphql'],
      contributions: ['documentation'],
    }),
  };
}

/** msw handlers that serve a FakeGitlab at a host's GraphQL and REST v4 endpoints. */
export function gitlabHandlers(fake: FakeGitlab, base = 'https://gitlab.com') {
  return [
    http.post(`${base}/api/graphql`, ({ request }) => fake.handle(request)),
    http.get(`${base}/api/v4/*`, ({ request }) => fake.handle(request)),
  ];
}
