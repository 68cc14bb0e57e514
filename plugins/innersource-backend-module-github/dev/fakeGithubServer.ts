/*
 * A stand-in for GitHub's GraphQL API that the browser suite's backend
 * collects from (these machines have no network): the example catalog's two
 * GitHub projects (examples/entities.yaml names the real backstage/backstage
 * and kubernetes/kubernetes) with a few help-wanted issues of its own. It
 * answers with GitHub's published schema, so the backend sends exactly what it
 * would send to GitHub: the collector's queries and the readiness pull request
 * action's (in a dry run; it serves no REST writes, and lists any attempt at
 * GET /writes).
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
  facets: 'Page through the entity facets of the catalog API',
  columns: 'Let the scaffolder task list show custom columns',
  link: 'Fix the broken link in the TechDocs README',
  printer: 'Add unit tests for the kubectl events printer',
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

/** Like the real repositories, without an innersource.json: their skills come from the catalog. */
const upstream = (owner: string, name: string, seed: number) => {
  const { innersourceJson: _none, ...repository } = fakeRepository(
    owner,
    name,
    now,
    { seed },
  );
  return {
    ...repository,
    files: repository.files.filter(file => file !== 'innersource.json'),
  };
};

/**
 * Backstage's contribution guide is missing here, so its readiness checklist
 * fails "Contribution guidelines" and links to the readiness template, whose
 * dry run (packages/app/e2e-tests/readinessTemplate.test.ts) reads this state:
 * no CONTRIBUTING.md and no innersource.json, its CODEOWNERS and issue
 * templates present, the labels its issues carry and no readiness branch.
 */
const backstageRepository = upstream('backstage', 'backstage', 3);
const backstage = {
  ...backstageRepository,
  files: backstageRepository.files.filter(
    file => file !== 'docs/CONTRIBUTING.md',
  ),
  issues: [
    issue('bs', 41, E2E_TASKS.facets, ['help wanted', 'area:catalog'], 2, 5),
    issue('bs', 42, E2E_TASKS.columns, ['help wanted'], 6, 1),
    issue('bs', 43, E2E_TASKS.link, ['good first issue', 'docs'], 1, 0),
  ],
};
const kubernetes = {
  ...upstream('kubernetes', 'kubernetes', 5),
  primaryLanguage: 'Go',
  issues: [
    issue(
      'k8s',
      7,
      E2E_TASKS.printer,
      ['help wanted', 'good first issue'],
      3,
      2,
    ),
  ],
};

const fake = new FakeGithub().add(backstage, kubernetes);
/** Every attempt to change something (a REST write, a GraphQL mutation), for the suite to check there was none. */
const writes: string[] = [];

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
      } else if (req.method === 'GET' && path === '/writes') {
        status = 200;
        body = writes;
      } else if (req.method === 'POST' && path === '/api/graphql') {
        const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (/^\s*mutation\b/.test(String(request.query))) {
          writes.push(`graphql ${String(request.query).slice(0, 80)}`);
        }
        status = 200;
        body = fake.graphql(request);
      } else if (req.method !== 'GET') {
        writes.push(`${req.method} ${path}`);
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  })
  .listen(port, '127.0.0.1', () => {
    process.stdout.write(`fake GitHub on http://127.0.0.1:${port}\n`);
  });
