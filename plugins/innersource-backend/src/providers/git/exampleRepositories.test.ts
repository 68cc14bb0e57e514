import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { deriveMetrics } from '../../metrics/deriveMetrics';
import { OrgDirectory } from '../../metrics/OrgDirectory';
import { readRepositoryFacts } from './readRepositoryFacts';

/*
 * The example portal's payment gateway (scripts/example-repositories.mjs,
 * read by the git provider on a first start) shows a newcomer funnel with a
 * returning and a one-time newcomer, and a commit made with a coding agent
 * counted apart.
 */

const repositoryRoot = path.resolve(__dirname, '../../../../..');

const user = (name: string, email: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: { profile: { email }, memberOf: [team] },
});

describe('the example payment gateway', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'example-repositories-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('has a returning and a one-time newcomer, and an agent contribution apart', async () => {
    execFileSync(
      process.execPath,
      [
        path.join(repositoryRoot, 'scripts', 'example-repositories.mjs'),
        '--anchor=2026-11-30',
        `--out=${out}`,
      ],
      { stdio: 'ignore' },
    );
    const now = new Date(Date.parse('2026-11-30T00:00:00Z') + 3 * DAY_MS);
    const facts = await readRepositoryFacts(
      {
        gitDir: path.join(out, 'payment-gateway'),
        subPath: '',
        repository: 'payment-gateway',
      },
      90,
      now,
      { timeoutMs: 30_000, logger: mockServices.logger.mock() },
    );
    const { metrics, contributors } = deriveMetrics(facts, {
      ownerRef: 'group:default/payments-team',
      directory: OrgDirectory.fromEntities([
        user('bob', 'bob@acme.example', 'payments-team'),
        user('carol', 'carol@acme.example', 'payments-team'),
        user('frank', 'frank@acme.example', 'search-team'),
        user('erin', 'erin@acme.example', 'security-team'),
      ]),
      knownContributorKeys: null,
      labels: { helpWanted: [], goodFirstIssue: [] },
      now,
      keySecret: Buffer.from('an example installation secret..'),
    });
    // Frank came back within 90 days of his first commit, Erin did not
    expect(metrics.newcomerReturnRate).toBe(0.5);
    // Bob's commit with Claude
    expect(metrics.agentContributions).toBe(1);
    // Alice, Dave and Grace first committed in the window
    expect(metrics.newContributors).toBe(3);
    expect(metrics.outsideNewContributors).toBe(0);
    expect(contributors.find(c => c.userRef === 'user:default/frank')).toBe(
      undefined,
    );
  }, 120_000);
});
