import {
  DAY_MS,
  HOUR_MS,
} from '@innersource-for-backstage/plugin-innersource-common';
import { http, HttpResponse } from 'msw';
import type { FakeGithub, FakeRepository } from './FakeGithub';

/**
 * A repository of realistic size for a day `now`: `commits` commits, 20 pull
 * requests and 5 labelled issues in the last 90 days, the base documents.
 */
export function fakeRepository(
  owner: string,
  name: string,
  now: Date,
  options: { commits?: number; seed?: number } = {},
): FakeRepository {
  const seed = options.seed ?? 0;
  const ago = (days: number) =>
    new Date(now.getTime() - days * DAY_MS).toISOString();
  const commits = options.commits ?? 40;
  return {
    owner,
    name,
    description: `The ${name} service, owned by ${owner}`,
    createdAt: ago(900),
    pushedAt: ago(1),
    updatedAt: ago(2),
    stargazerCount: 40 + seed,
    forkCount: 7,
    watchers: 12,
    primaryLanguage: 'TypeScript',
    defaultBranch: 'main',
    commits: Array.from({ length: commits }, (_, i) => ({
      oid: `${name}-c${i}`.padEnd(40, '0'),
      committedDate: ago(1 + ((i * 2) % 85)),
      author:
        i % 4 === 0
          ? { name: 'Olga Outsider', email: 'olga@acme.example', login: 'olga' }
          : { name: 'Ian Insider', email: 'ian@acme.example', login: 'ian' },
    })),
    pullRequests: Array.from({ length: 20 }, (_, i) => ({
      id: `${name}-pr${i}`,
      number: i + 1,
      createdAt: ago(2 + i * 4),
      state: i % 5 === 0 ? 'OPEN' : 'MERGED',
      ...(i % 5 === 0
        ? {}
        : { mergedAt: ago(1 + i * 4), closedAt: ago(1 + i * 4) }),
      author: { login: i % 2 ? 'olga' : 'ian' },
      responses: [
        {
          kind: 'IssueComment',
          createdAt: new Date(
            now.getTime() - (2 + i * 4) * DAY_MS + HOUR_MS,
          ).toISOString(),
          author: { login: 'dependabot', bot: true },
        },
        {
          kind: 'PullRequestReview',
          createdAt: new Date(
            now.getTime() - (2 + i * 4) * DAY_MS + 6 * HOUR_MS,
          ).toISOString(),
          author: { login: i % 2 ? 'ian' : 'olga' },
        },
      ],
    })),
    issues: Array.from({ length: 5 }, (_, i) => ({
      id: `${name}-issue${i}`,
      number: 100 + i,
      title: `Help wanted on ${name} #${i}`,
      createdAt: ago(10 + i),
      updatedAt: ago(3 + i),
      state: 'OPEN',
      labels: i < 2 ? ['good first issue', 'help wanted'] : ['help wanted'],
      comments: i,
      ...(i === 0 ? { assignee: 'olga' } : {}),
    })),
    files: [
      'README.md',
      'LICENSE',
      '.github/CODEOWNERS',
      '.github/ISSUE_TEMPLATE/bug.md',
      'docs/CONTRIBUTING.md',
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

/** msw handlers that serve a FakeGithub at GitHub's GraphQL endpoint. */
export function githubGraphqlHandlers(
  fake: FakeGithub,
  graphqlUrl = 'https://api.github.com/graphql',
) {
  return [
    http.post(graphqlUrl, async ({ request }) =>
      HttpResponse.json(fake.graphql((await request.json()) as any)),
    ),
  ];
}
