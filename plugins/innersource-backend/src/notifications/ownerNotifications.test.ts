import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  INNERSOURCE_REFRESH_CHANNEL,
  parseScoringConfig,
  RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';
import { anotherReplica } from '../database/__testUtils__/replicas';
import { OwnerNotificationCaps } from '../database/OwnerNotificationCaps';
import { openSnapshotStore } from '../database/SnapshotStore';
import {
  facts,
  org,
  payments,
  portal,
  ScriptedProvider,
} from '../refresh/__testUtils__/fixtures';
import { ProviderRegistry } from '../refresh/ProviderRegistry';
import { RefreshJob } from '../refresh/RefreshJob';
import { readSettings } from '../settings';
import { ChangeKinds } from './projectChanges';
import { RefreshNotifier } from './RefreshNotifier';

jest.setTimeout(120_000);

const PORTAL = 'component:default/portal';
const PAYMENTS = 'component:default/payments';
const OWNERS = { type: 'entity', entityRef: ['group:default/platform-team'] };
const TAB = '/catalog/default/component/portal/innersource';
const ALL_KINDS: ChangeKinds = { tierDrops: true, readinessRegressions: true };

/** A project doing well: every file an outsider looks for, commits from inside and outside its team. */
function thriving(now: Date): RepositoryFacts {
  const base = facts(now, 12, 9);
  return {
    ...base,
    stars: 120,
    forks: 30,
    watchers: 40,
    files: {
      readme: true,
      contributing: true,
      codeowners: true,
      license: true,
      issueTemplate: true,
      pullRequestTemplate: true,
      innersourceJson: false,
    },
    helpWantedIssues: [1, 2, 3].map(n => ({
      id: `I_${n}`,
      number: n,
      title: `Starter task ${n}`,
      url: `https://github.com/acme/portal/issues/${n}`,
      labels: ['good first issue'],
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: now.toISOString(),
      comments: 1,
    })),
  };
}

/** The same project a while later: nobody commits and CONTRIBUTING.md is gone. */
function fading(now: Date): RepositoryFacts {
  const base = thriving(now);
  const files = base.files!;
  return {
    ...base,
    commits: [],
    weeklyCommits: Array(13).fill(0),
    stars: 0,
    forks: 0,
    watchers: 0,
    updatedAt: '2025-06-01T00:00:00.000Z',
    files: { ...files, contributing: false },
  };
}

describe('notifications to owners after a refresh', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  function sender() {
    const sent: NotificationSendOptions[] = [];
    const notifications: jest.Mocked<NotificationService> = {
      send: jest.fn(async options => {
        sent.push(options);
      }),
    };
    return { sent, notifications };
  }

  /** A replica's refresh job over `knex`, its forge answering what `answer` says for each project. */
  async function replica(
    knex: Knex,
    answer: { current: (now: Date) => RepositoryFacts },
    kinds: ChangeKinds = ALL_KINDS,
    perOwnerPerDay?: number,
  ) {
    const store = await openSnapshotStore({
      database: mockServices.database.mock({ getClient: async () => knex }),
    });
    const provider = new ScriptedProvider();
    for (const ref of [PORTAL, PAYMENTS]) {
      provider.script.set(ref, r => ({
        entityRef: r.entityRef,
        outcome: 'collected',
        facts: answer.current(new Date()),
      }));
    }
    const { sent, notifications } = sender();
    const signals: jest.Mocked<SignalsService> = { publish: jest.fn() };
    const logger = mockServices.logger.mock();
    const job = new RefreshJob({
      catalog: catalogServiceMock({ entities: [...org, portal, payments] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store: store.writer,
      providers: new ProviderRegistry([provider]),
      settings: readSettings(new ConfigReader({})),
      scoring: parseScoringConfig(undefined),
      listener: new RefreshNotifier({
        notifications,
        signals,
        logger,
        kinds,
        cap: new OwnerNotificationCaps(knex, perOwnerPerDay),
      }),
    });
    return { store, job, sent, notifications, signals, logger };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("tells the owning group once when a project's tier drops and a check it passed fails, with the advice and a link to its tab", async () => {
      const knex = await databases.init(databaseId);
      const forge = { current: thriving };
      const { job, sent, store } = await replica(knex, forge);

      await job.run();
      // a first collection has nothing to compare with
      expect(sent).toEqual([]);
      const before = await store.reader.getProjectSummary(PORTAL);

      forge.current = fading;
      await job.run();
      const after = await store.reader.getProjectSummary(PORTAL);
      // the fixture is meant to cross a tier boundary
      expect(after!.tier!.name).not.toBe(before!.tier!.name);

      const contributingAdvice = after!.readiness.find(
        c => c.id === 'contributing',
      )!.advice;
      // payments, on the same forge answers, is told of its own two changes
      expect(sent).toHaveLength(4);
      const forPortal = sent.filter(s => s.payload.link === TAB);
      expect(forPortal).toEqual([
        {
          recipients: OWNERS,
          payload: expect.objectContaining({
            title: `portal: InnerSource tier dropped from ${
              before!.tier!.name
            } to ${after!.tier!.name}`,
            link: TAB,
            topic: 'InnerSource',
            scope: `innersource:tier:${PORTAL}`,
            description: expect.stringContaining(
              `score went from ${before!.score} to ${after!.score}.`,
            ),
          }),
        },
        {
          recipients: OWNERS,
          payload: expect.objectContaining({
            title: 'portal: readiness check "Contribution guidelines" fails',
            description: `It passed at the last refresh and fails now. To do: ${contributingAdvice}`,
            link: TAB,
            scope: `innersource:readiness:contributing:${PORTAL}`,
          }),
        },
      ]);
      expect(forPortal[0].payload.description).toContain(contributingAdvice);

      // the same data again: nothing changed, nothing is sent
      await job.run();
      expect(sent).toHaveLength(4);
    });

    it("tells an owner at most the day's cap, whatever its projects' authors do, and says so in the log", async () => {
      const knex = await databases.init(databaseId);
      const forge = { current: thriving };
      const { job, sent, logger } = await replica(knex, forge, ALL_KINDS, 3);
      await job.run();
      forge.current = fading;
      await job.run();
      // four changes for platform-team's two projects, three sent
      expect(sent).toHaveLength(3);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'group:default/platform-team reached its notifications for today',
        ),
      );
    });

    it('sends each change once when two replicas refresh the same project at the same time', async () => {
      const knex = await databases.init(databaseId);
      const other = anotherReplica(knex, 'innersource-second-replica');
      try {
        const forge = { current: thriving };
        const first = await replica(knex, forge);
        const second = await replica(other.knex, forge);
        await first.job.run();

        forge.current = fading;
        await Promise.all([
          first.job.refreshEntity(portal),
          second.job.refreshEntity(portal),
        ]);

        const scopes = [...first.sent, ...second.sent].map(
          s => s.payload.scope,
        );
        expect(scopes.sort()).toEqual(
          [
            `innersource:readiness:contributing:${PORTAL}`,
            `innersource:tier:${PORTAL}`,
          ].sort(),
        );

        // and a later refresh on either replica finds nothing new to tell
        await first.job.refreshEntity(portal);
        await second.job.refreshEntity(portal);
        expect(first.sent.length + second.sent.length).toBe(2);
      } finally {
        await other.destroy();
      }
    });

    it('tells only the kinds config switches on', async () => {
      const knex = await databases.init(databaseId);
      const forge = { current: thriving };
      const { job, sent } = await replica(knex, forge, {
        tierDrops: false,
        readinessRegressions: true,
      });
      await job.refreshEntity(portal);
      forge.current = fading;
      await job.refreshEntity(portal);
      expect(sent.map(s => s.payload.scope)).toEqual([
        `innersource:readiness:contributing:${PORTAL}`,
      ]);
    });

    it('signals open pages on the one shared channel, naming no project', async () => {
      const knex = await databases.init(databaseId);
      const { job, signals } = await replica(knex, { current: thriving });
      await job.refreshEntity(portal);
      expect(signals.publish.mock.calls.map(([s]) => s)).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: INNERSOURCE_REFRESH_CHANNEL,
          message: { at: expect.any(String) },
        },
      ]);
    });
  });
});
