import { ConfigReader } from '@backstage/config';
import { DEFAULT_SELECTOR } from '@internal/plugin-innersource-common';
import { readSettings } from './settings';

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
      schedule: {
        frequency: { hours: 1 },
        initialDelay: { seconds: 5 },
        scope: 'global',
      },
    });
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
  ])('stops the backend on %p naming the key', (innersource, message) => {
    expect(() => readSettings(new ConfigReader({ innersource }))).toThrow(
      message,
    );
  });
});
