import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseScoringConfig } from '@innersource-for-backstage/plugin-innersource-common';
import { openSnapshotStore } from '../database/SnapshotStore';
import { readSettings } from '../settings';
import {
  brokenSlug,
  facts,
  noRepository,
  optedOut,
  org,
  payments,
  portal,
  project,
  ScriptedProvider,
  untagged,
} from './__testUtils__/fixtures';
import { ProviderRegistry } from './ProviderRegistry';
import { RefreshJob } from './RefreshJob';

jest.setTimeout(60_000);

describe('RefreshJob', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string, entities: Entity[]) {
    const knex = await databases.init(databaseId as any);
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const catalog = catalogServiceMock({ entities: [...org, ...entities] });
    const provider = new ScriptedProvider();
    let now = new Date('2026-11-24T10:00:00.000Z');
    const logger = mockServices.logger.mock();
    const job = new RefreshJob({
      catalog,
      auth: mockServices.auth(),
      logger,
      store: store.writer,
      providers: new ProviderRegistry([provider]),
      settings: readSettings(new ConfigReader({})),
      scoring: parseScoringConfig(undefined),
      now: () => now,
    });
    return {
      store,
      catalog,
      provider,
      job,
      logger,
      setNow: (d: Date) => (now = d),
      knex,
    };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('scores every project when one entity carries values longer than the columns (a 70-character spec.type)', async () => {
      const odd: Entity = {
        ...project('odd', { 'github.com/project-slug': 'acme/odd' }),
        spec: {
          type: 't'.repeat(70),
          lifecycle: `production\u0000${'l'.repeat(100)}`,
          owner: 'platform-team',
        },
      };
      const { store, provider, job } = await setUp(databaseId, [
        portal,
        odd,
        payments,
      ]);
      const now = new Date('2026-11-24T10:00:00.000Z');
      for (const ref of ['portal', 'odd', 'payments']) {
        provider.script.set(`component:default/${ref}`, r => ({
          entityRef: r.entityRef,
          outcome: 'collected',
          facts: {
            ...facts(now, 2, 1),
            helpWantedIssues: [
              {
                id: `I_${ref}`,
                title: `A task\u0000 of ${'x'.repeat(5000)}`,
                url: `https://github.com/acme/${ref}/issues/1`,
                labels: ['help wanted', 'y'.repeat(400)],
                createdAt: '2026-10-01T00:00:00.000Z',
                updatedAt: '2026-11-01T00:00:00.000Z',
                comments: 0,
              },
            ],
          },
        }));
      }

      const counts = await job.run();

      expect(counts).toMatchObject({ projects: 3, collected: 3, failed: 0 });
      const listed = await store.reader.listProjects({ limit: 10 }, 'all');
      expect(listed.items.map(i => i.entityRef).sort()).toEqual([
        'component:default/odd',
        'component:default/payments',
        'component:default/portal',
      ]);
      expect(listed.items.every(i => i.score !== null)).toBe(true);
    });

    it('collects, scores and stores every project, and records why others could not be', async () => {
      const { store, provider, job } = await setUp(databaseId, [
        portal,
        payments,
        brokenSlug,
        noRepository,
        optedOut,
        untagged,
      ]);
      const now = new Date('2026-11-24T10:00:00.000Z');
      provider.script.set('component:default/portal', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(now, 6, 2),
        fingerprint: 'v1',
      }));
      provider.script.set('component:default/payments', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(now, 1, 0),
        fingerprint: 'p1',
      }));

      const counts = await job.run();

      expect(counts).toEqual({
        projects: 4,
        collected: 2,
        unchanged: 0,
        failed: 2,
        deferred: 0,
      });
      expect(provider.requests.map(r => r.entityRef).sort()).toEqual([
        'component:default/payments',
        'component:default/portal',
      ]);
      const summary = await store.reader.getProjectSummary(
        'component:default/portal',
      );
      expect(summary).toMatchObject({
        status: 'collected',
        profile: 'default',
        refreshedAt: now.toISOString(),
        errors: [],
      });
      expect(summary!.score).toEqual(expect.any(Number));
      expect(summary!.tier?.name).toEqual(expect.any(String));
      // alice is on the owning team, bob is not
      expect(summary!.metrics).toMatchObject({
        commits: 8,
        contributors: 2,
        outsideContributors: 1,
        unmappedContributors: 0,
        outsideContributionShare: 0.25,
      });

      expect(
        (await store.reader.getProjectSummary(
          'component:default/broken-slug',
        ))!,
      ).toMatchObject({
        status: 'failed',
        errors: [
          {
            message:
              'github.com/project-slug "not-a-slug" is not of the form owner/repository',
          },
        ],
      });
      expect(
        (await store.reader.getProjectSummary(
          'component:default/no-repository',
        ))!.errors[0].message,
      ).toMatch(/^names no repository/);
      expect(
        await store.reader.getProjectSummary('component:default/opted-out'),
      ).toBeUndefined();
      expect(
        await store.reader.getProjectSummary('component:default/untagged'),
      ).toBeUndefined();
    });

    it('keeps the last good snapshot when a later refresh of the repository fails', async () => {
      const { store, provider, job, setNow } = await setUp(databaseId, [
        portal,
        payments,
      ]);
      const first = new Date('2026-11-24T10:00:00.000Z');
      provider.script.set('component:default/portal', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(first, 6, 2),
        fingerprint: 'v1',
      }));
      provider.script.set('component:default/payments', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(first, 1, 0),
        fingerprint: 'p1',
      }));
      await job.run();
      const good = await store.reader.getProjectSummary(
        'component:default/portal',
      );

      const second = new Date('2026-11-24T11:00:00.000Z');
      setNow(second);
      provider.script.set('component:default/portal', r => ({
        entityRef: r.entityRef,
        outcome: 'failed',
        error:
          'repository acme/portal not found or the GitHub token cannot read it',
      }));
      provider.script.set('component:default/payments', r => ({
        entityRef: r.entityRef,
        outcome: 'unchanged',
      }));
      const counts = await job.run();

      expect(counts).toMatchObject({ collected: 0, unchanged: 1, failed: 1 });
      const after = await store.reader.getProjectSummary(
        'component:default/portal',
      );
      expect(after).toMatchObject({
        status: 'collected',
        score: good!.score,
        metrics: good!.metrics,
        refreshedAt: first.toISOString(),
        errors: [
          {
            message:
              'repository acme/portal not found or the GitHub token cannot read it',
            at: second.toISOString(),
          },
        ],
      });
      expect(
        (await store.reader.getProjectSummary('component:default/payments'))!,
      ).toMatchObject({
        refreshedAt: first.toISOString(),
        checkedAt: second.toISOString(),
      });
      // the provider was told what it returned last time, for incremental refresh
      expect(
        provider.requests.find(
          r => r.entityRef === 'component:default/payments' && r.previous,
        )?.previous?.fingerprint,
      ).toBe('p1');
    });

    it("keeps one history point per day, the day's latest, and a new point on a new day", async () => {
      const { store, provider, job, setNow } = await setUp(databaseId, [
        portal,
      ]);
      const collectAt = (at: Date, commits: number) => {
        setNow(at);
        provider.script.set('component:default/portal', r => ({
          entityRef: r.entityRef,
          outcome: 'collected',
          facts: facts(at, commits, 0),
        }));
        return job.run();
      };
      await collectAt(new Date('2026-11-23T09:00:00.000Z'), 3);
      await collectAt(new Date('2026-11-24T09:00:00.000Z'), 4);
      await collectAt(new Date('2026-11-24T15:00:00.000Z'), 6);

      const history = await store.reader.getMetricHistory(
        'component:default/portal',
        'commits',
        new Date('2026-11-01T00:00:00.000Z'),
      );
      expect(history).toEqual([
        { at: '2026-11-23T09:00:00.000Z', value: 3 },
        { at: '2026-11-24T15:00:00.000Z', value: 6 },
      ]);
    });

    it('keeps no trace of a repository the repository rule refuses, not even its last snapshot', async () => {
      const { store, provider, job, setNow, knex } = await setUp(databaseId, [
        portal,
        payments,
      ]);
      for (const ref of ['portal', 'payments']) {
        provider.script.set(`component:default/${ref}`, r => ({
          entityRef: r.entityRef,
          outcome: 'collected',
          facts: facts(new Date('2026-11-24T10:00:00.000Z'), 3, 1),
        }));
      }
      await job.run();
      // the repository was made private since
      provider.script.set('component:default/portal', r => ({
        entityRef: r.entityRef,
        outcome: 'failed',
        error: 'acme/portal is private on GitHub …',
        forget: true,
      }));
      setNow(new Date('2026-11-25T10:00:00.000Z'));
      await job.run();

      const refused = (await store.reader.getProjectSummary(
        'component:default/portal',
      ))!;
      expect(refused).toMatchObject({
        status: 'failed',
        score: null,
        metrics: null,
        repository: null,
        errors: [{ message: 'acme/portal is private on GitHub …' }],
      });
      for (const table of [
        'innersource_snapshots',
        'innersource_tasks',
        'innersource_contributors',
      ]) {
        expect(
          await knex(table).where({ entity_ref: 'component:default/portal' }),
        ).toEqual([]);
      }
      const tasks = await store.reader.searchTasks({ limit: 10 }, 'all');
      expect(tasks.items.map(t => t.project.entityRef)).not.toContain(
        'component:default/portal',
      );
      // the other project keeps its data
      expect(
        (await store.reader.getProjectSummary('component:default/payments'))!
          .score,
      ).not.toBeNull();
    });

    it('records a provider that throws as a failure of its batch, not of the run, its words in the log only', async () => {
      const { store, provider, job, logger } = await setUp(databaseId, [
        portal,
        payments,
      ]);
      provider.throwFor = 'component:default/portal';
      const counts = await job.run();
      expect(counts).toMatchObject({ projects: 2, failed: 2 });
      expect(
        (await store.reader.getProjectSummary('component:default/payments'))!
          .errors[0].message,
      ).toBe(
        'the scripted provider failed to read this repository; the backend log has the details',
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /the scripted provider failed a batch of 2 .*: connection reset$/,
        ),
      );
    });

    it('stops listing a project that left the catalog, keeping its history', async () => {
      const { store, provider, job } = await setUp(databaseId, [
        portal,
        payments,
      ]);
      const now = new Date('2026-11-24T10:00:00.000Z');
      provider.script.set('component:default/portal', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(now, 2, 0),
      }));
      provider.script.set('component:default/payments', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(now, 1, 0),
      }));
      await job.run();

      const shrunk = new RefreshJob({
        catalog: catalogServiceMock({ entities: [...org, portal] }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        store: store.writer,
        providers: new ProviderRegistry([provider]),
        settings: readSettings(new ConfigReader({})),
        scoring: parseScoringConfig(undefined),
        now: () => new Date('2026-11-24T12:00:00.000Z'),
      });
      await shrunk.run();

      const listed = await store.reader.listProjects({ limit: 10 }, 'all');
      expect(listed.items.map(i => i.entityRef)).toEqual([
        'component:default/portal',
      ]);
      const history = await store.reader.getMetricHistory(
        'component:default/payments',
        'commits',
        new Date('2026-01-01T00:00:00.000Z'),
      );
      expect(history).toEqual([{ at: now.toISOString(), value: 1 }]);
    });

    it("asks the provider for at most 10 of an entity's own help-wanted labels and logs the others as ignored", async () => {
      const many = Array.from({ length: 14 }, (_, i) => `wanted ${i + 1}`);
      const greedy = project('greedy', {
        'github.com/project-slug': 'acme/greedy',
        'innersource/help-wanted-labels': many.join(','),
      });
      const { provider, job, logger } = await setUp(databaseId, [greedy]);
      const now = new Date('2026-11-24T10:00:00.000Z');
      provider.script.set('component:default/greedy', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: facts(now, 1, 0),
      }));

      const counts = await job.run();

      expect(counts).toMatchObject({ collected: 1, failed: 0 });
      const [request] = provider.requests;
      const configured = readSettings(new ConfigReader({})).labels.helpWanted;
      expect(request.labels.helpWanted).toEqual([
        ...configured,
        ...many.slice(0, 10),
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        'InnerSource: component:default/greedy lists 14 labels in innersource/help-wanted-labels; only the first 10 are searched, the other 4 are ignored (wanted 11, wanted 12, wanted 13, …)',
      );
    });

    it("keys an unmapped author by an HMAC under the installation's secret, the same at the next run, never by the e-mail", async () => {
      const { store, provider, job, knex, setNow } = await setUp(databaseId, [
        portal,
      ]);
      const now = new Date('2026-11-24T10:00:00.000Z');
      const withCarol = (at: Date) => {
        const base = facts(at, 1, 0);
        return {
          ...base,
          commits: [
            ...base.commits!,
            {
              sha: 'c1',
              author: {
                name: 'carol@contractor.example',
                email: 'carol@contractor.example',
              },
              committedAt: new Date(at.getTime() - 3_600_000).toISOString(),
            },
          ],
        };
      };
      provider.script.set('component:default/portal', r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: withCarol(now),
      }));
      await job.run();
      const first = await knex('innersource_contributors')
        .where({ side: 'unmapped' })
        .select('key', 'display_name');
      setNow(new Date('2026-11-25T10:00:00.000Z'));
      await job.run();
      const second = await knex('innersource_contributors')
        .where({ side: 'unmapped' })
        .select('key', 'display_name');

      expect(first).toEqual([
        {
          key: expect.stringMatching(/^pseudonym:[0-9a-f]{32}$/),
          display_name: 'Unnamed contributor',
        },
      ]);
      expect(second).toEqual(first);
      expect(
        JSON.stringify(await knex('innersource_contributors')),
      ).not.toContain('contractor.example');
      expect(
        (await store.reader.getProjectSummary('component:default/portal'))!
          .metrics?.newContributors,
      ).toBe(0);
    });
  });
});
