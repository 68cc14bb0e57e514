/*
 * A stand-in for GitHub's GraphQL API that the browser suite's backend
 * collects from (these machines have no network): the example catalog's two
 * GitHub projects with help-wanted issues. It answers with GitHub's published
 * schema, so the backend sends exactly what it would send to GitHub.
 *
 * Run: bash scripts/run.sh ts plugins/innersource-backend-module-github/dev/fakeGithubServer.ts [port]
 */
import http from 'node:http';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { FakeGithub } from '../src/__testUtils__/FakeGithub';
import { fakeRepository } from '../src/__testUtils__/fixtures';

const port = Number(process.argv[2] ?? 7099);
const now = new Date();
const ago = (days: number) =>
  new Date(now.getTime() - days * DAY_MS).toISOString();

/** The tasks the browser suite (packages/app/e2e-tests/helpWanted.test.ts) looks for. */
const E2E_TASKS = {
  refunds: 'Add idempotency keys to the refunds endpoint',
  wallet: 'Support wallet payments in the sandbox',
  typo: 'Fix the broken link in the payments README',
  synonyms: 'Index product synonyms from the catalog',
};

const issue = (
  repo: string,
  number: number,
  title: string,
  labels: string[],
  updatedDaysAgo: number,
  comments: number,
) => ({
  id: `${repo}-issue-${number}`,
  number,
  title,
  createdAt: ago(updatedDaysAgo + 20),
  updatedAt: ago(updatedDaysAgo),
  state: 'OPEN' as const,
  labels,
  comments,
});

const payments = {
  ...fakeRepository('acme', 'payment-gateway', now, { seed: 3 }),
  primaryLanguage: 'Java',
  issues: [
    issue('pg', 41, E2E_TASKS.refunds, ['help wanted', 'api'], 2, 5),
    issue('pg', 42, E2E_TASKS.wallet, ['contributions welcome'], 6, 1),
    issue('pg', 43, E2E_TASKS.typo, ['good first issue', 'docs'], 1, 0),
  ],
  innersourceJson: JSON.stringify({
    title: 'Payment gateway',
    motivation: 'Every checkout in the company runs through this gateway',
    skills: ['java', 'kotlin'],
    contributions: ['Payment method adapters', 'Sandbox test data'],
  }),
};
const search = {
  ...fakeRepository('acme', 'search-indexer', now, { seed: 5 }),
  primaryLanguage: 'Go',
  issues: [
    issue(
      'si',
      7,
      E2E_TASKS.synonyms,
      ['help wanted', 'good first issue'],
      3,
      2,
    ),
  ],
  innersourceJson: JSON.stringify({
    title: 'Search indexer',
    skills: ['go', 'elasticsearch'],
    contributions: ['Language analyzers'],
  }),
};

const fake = new FakeGithub().add(payments, search);

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      let status = 404;
      let body: unknown = { message: 'Not Found' };
      if (req.method === 'GET' && path === '/health') {
        status = 200;
        body = { status: 'ok' };
      } else if (req.method === 'POST' && path === '/api/graphql') {
        status = 200;
        body = fake.graphql(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  })
  .listen(port, '127.0.0.1', () => {
    process.stdout.write(`fake GitHub on http://127.0.0.1:${port}\n`);
  });
