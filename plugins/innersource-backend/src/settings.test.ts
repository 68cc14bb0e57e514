import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_AGENTS,
  DEFAULT_SELECTOR,
} from '@innersource-for-backstage/plugin-innersource-common';
import { readSettings, runTimeoutMs } from './settings';

describe('readSettings', () => {
  it('gives a portal without an innersource section the documented defaults', () => {
    const settings = readSettings(new ConfigReader({}));
    expect(settings).toMatchObject({
      windowDays: 90,
      labels: {
        helpWanted: ['help wanted'],
        goodFirstIssue: ['good first issue'],
      },
      selector: DEFAULT_SELECTOR,
      retentionDays: 400,
      concurrency: 4,
      refresh: {
        perUserPerHour: 10,
        globalPerHour: 120,
        maxConcurrent: 4,
        logRetentionDays: 30,
      },
      schedule: {
        frequency: { hours: 1 },
        initialDelay: { seconds: 5 },
        scope: 'global',
      },
    });
  });

  it('adds innersource.agents to the built-in coding agents and reads the ignored users', () => {
    expect(readSettings(new ConfigReader({})).agents).toEqual(DEFAULT_AGENTS);
    expect(readSettings(new ConfigReader({})).ignoredUsers).toEqual([]);
    const settings = readSettings(
      new ConfigReader({
        innersource: {
          agents: ['build-robot@acme.example'],
          ignoredUsers: ['triage-rota'],
        },
      }),
    );
    expect(settings.agents).toEqual([
      ...DEFAULT_AGENTS,
      'build-robot@acme.example',
    ]);
    expect(settings.ignoredUsers).toEqual(['triage-rota']);
  });

  it('reads every key it documents', () => {
    const settings = readSettings(
      new ConfigReader({
        innersource: {
          windowDays: 30,
          labels: {
            helpWanted: ['contributions welcome'],
            goodFirstIssue: ['starter'],
          },
          selector: { kind: 'Component', 'spec.type': ['library'] },
          retentionDays: 90,
          concurrency: 8,
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
          refresh: {
            perUserPerHour: 3,
            globalPerHour: 50,
            maxConcurrent: 2,
            logRetentionDays: 14,
          },
        },
      }),
    );
    expect(settings).toMatchObject({
      windowDays: 30,
      labels: {
        helpWanted: ['contributions welcome'],
        goodFirstIssue: ['starter'],
      },
      selector: { kind: 'Component', 'spec.type': ['library'] },
      retentionDays: 90,
      concurrency: 8,
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        scope: 'global',
      },
      refresh: {
        perUserPerHour: 3,
        globalPerHour: 50,
        maxConcurrent: 2,
        logRetentionDays: 14,
      },
    });
  });

  it.each([
    [
      { windowDays: 0 },
      'innersource.windowDays must be a whole number from 1 to 3650, got 0',
    ],
    [
      { windowDays: 1.5 },
      'innersource.windowDays must be a whole number from 1 to 3650, got 1.5',
    ],
    [
      { concurrency: 100 },
      'innersource.concurrency must be a whole number from 1 to 32, got 100',
    ],
    [
      { labels: { helpWanted: [' '] } },
      'innersource.labels.helpWanted must name at least one label',
    ],
    [
      { selector: {} },
      'innersource.selector must be a map of entity fields to a value or a list of values',
    ],
    [
      { selector: { kind: [] } },
      'innersource.selector.kind must be a string or a list of strings',
    ],
    [
      { refresh: { perUserPerHour: 0 } },
      'innersource.refresh.perUserPerHour must be a whole number from 1 to 1000, got 0',
    ],
    [
      { refresh: { globalPerHour: 2.5 } },
      'innersource.refresh.globalPerHour must be a whole number from 1 to 100000, got 2.5',
    ],
    [
      { refresh: { maxConcurrent: 65 } },
      'innersource.refresh.maxConcurrent must be a whole number from 1 to 64, got 65',
    ],
    [
      { refresh: { logRetentionDays: -1 } },
      'innersource.refresh.logRetentionDays must be a whole number from 1 to 36500, got -1',
    ],
  ])('stops the backend on %p naming the key', (innersource, message) => {
    expect(() => readSettings(new ConfigReader({ innersource }))).toThrow(
      message,
    );
  });

  it.each([
    [{}, 30 * 60_000],
    [
      { schedule: { frequency: { hours: 1 }, timeout: { minutes: 10 } } },
      600_000,
    ],
    [{ schedule: { frequency: { hours: 1 }, timeout: 'PT2H' } }, 7_200_000],
  ])('reads the run timeout of %p', (innersource, ms) => {
    expect(runTimeoutMs(readSettings(new ConfigReader({ innersource })))).toBe(
      ms,
    );
  });
});

describe('readSettings: innersource.notifications', () => {
  it('sends nothing unless config switches a kind on; the digest task runs hourly, one replica at a time', () => {
    expect(readSettings(new ConfigReader({})).notifications).toEqual({
      tierDrops: false,
      readinessRegressions: false,
      digest: {
        enabled: false,
        schedule: expect.objectContaining({
          frequency: { hours: 1 },
          scope: 'global',
        }),
      },
    });
  });

  it('reads each kind and the digest schedule', () => {
    const { notifications } = readSettings(
      new ConfigReader({
        innersource: {
          notifications: {
            tierDrops: { enabled: true },
            readinessRegressions: { enabled: false },
            digest: {
              enabled: true,
              schedule: { frequency: { hours: 6 }, timeout: { minutes: 5 } },
            },
          },
        },
      }),
    );
    expect(notifications).toEqual({
      tierDrops: true,
      readinessRegressions: false,
      digest: {
        enabled: true,
        schedule: {
          frequency: { hours: 6 },
          timeout: { minutes: 5 },
          scope: 'global',
        },
      },
    });
  });

  it.each([
    [
      { tierDrops: { enabled: 'yes' } },
      'innersource.notifications.tierDrops.enabled must be true or false, got "yes"',
    ],
    [
      { digest: { enabled: 1 } },
      'innersource.notifications.digest.enabled must be true or false, got 1',
    ],
    [
      { digest: { schedule: { frequency: 'often' } } },
      'innersource.notifications.digest.schedule is not a valid schedule',
    ],
  ])('stops the backend on %j, naming the key', (notifications, message) => {
    expect(() =>
      readSettings(new ConfigReader({ innersource: { notifications } })),
    ).toThrow(message);
  });
});
