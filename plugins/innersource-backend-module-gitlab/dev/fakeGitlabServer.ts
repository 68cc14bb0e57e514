/*
 * A stand-in for a self-managed GitLab that the browser suite's backend
 * collects from (these machines have no network): the example catalog's
 * GitLab project (examples/gitlab.yaml) with help-wanted issues, served at
 * GitLab's GraphQL and REST v4 paths. Queries run against the schema excerpt
 * the tests validate with, so the backend sends what it would send to GitLab.
 *
 * Run: bash scripts/run.sh ts plugins/innersource-backend-module-gitlab/dev/fakeGitlabServer.ts [port]
 */
import http from 'node:http';
import { FakeGitlab } from '../src/__testUtils__/FakeGitlab';
import { fakeProject } from '../src/__testUtils__/fixtures';

const DAY_MS = 86_400_000;
const port = Number(process.argv[2] ?? 7098);
const now = new Date();
const ago = (days: number) =>
  new Date(now.getTime() - days * DAY_MS).toISOString();

/** The tasks the browser suite (packages/app/e2e-tests/gitlab.test.ts) looks for. */
const E2E_GITLAB_TASKS = {
  receipts: 'Show the order number on printable receipts',
  currency: 'Format prices in the shopper’s currency',
};

const issue = (
  iid: number,
  title: string,
  labels: string[],
  updatedDaysAgo: number,
  userNotesCount: number,
) => ({
  iid,
  title,
  createdAt: ago(updatedDaysAgo + 15),
  updatedAt: ago(updatedDaysAgo),
  state: 'opened' as const,
  labels,
  userNotesCount,
});

const checkout = {
  ...fakeProject('payments/checkout-web', now, { id: 42, commits: 30 }),
  description: 'The checkout pages every customer pays on',
  visibility: 'internal' as const,
  issues: [
    issue(12, E2E_GITLAB_TASKS.receipts, ['help wanted', 'frontend'], 1, 3),
    // only the entity's own label: found because each label is asked for alone
    issue(15, E2E_GITLAB_TASKS.currency, ['accepting merge requests'], 4, 1),
    issue(16, 'Flaky payment-form test on Safari', ['bug'], 2, 0),
  ],
  innersourceJson: JSON.stringify({
    title: 'Checkout web',
    motivation: 'Every product team ships its payment options through it',
    skills: ['typescript', 'react'],
    contributions: ['Payment form accessibility'],
  }),
};
// The payments team: commit authors map by email, merge request authors by
// gitlab.com/user-login (examples/org.yaml).
for (const [i, commit] of checkout.commits.entries()) {
  Object.assign(
    commit,
    i % 3 === 0
      ? { authorName: 'Carol', authorEmail: 'carol@acme.example' }
      : { authorName: 'Bob Bianchi', authorEmail: 'bob@acme.example' },
  );
}
for (const mr of checkout.mergeRequests) mr.author = { username: 'bob' };

const fake = new FakeGitlab('https://gitlab.acme.example').add(checkout);

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok' }));
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value);
      const answer = await fake.handle(
        new Request(url, {
          method: req.method,
          headers,
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        }),
      );
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  })
  .listen(port, '127.0.0.1', () => {
    process.stdout.write(`fake GitLab on http://127.0.0.1:${port}\n`);
  });
