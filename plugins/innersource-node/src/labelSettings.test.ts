import { ConfigReader } from '@backstage/config';
import { readLabelSettings } from './labelSettings';

describe('readLabelSettings', () => {
  it.each([
    [
      'no innersource section',
      {},
      { helpWanted: ['help wanted'], goodFirstIssue: ['good first issue'] },
    ],
    [
      'an innersource section without labels',
      { innersource: { windowDays: 30 } },
      { helpWanted: ['help wanted'], goodFirstIssue: ['good first issue'] },
    ],
    [
      'only help-wanted labels',
      { innersource: { labels: { helpWanted: ['contributions welcome'] } } },
      {
        helpWanted: ['contributions welcome'],
        goodFirstIssue: ['good first issue'],
      },
    ],
    [
      'both lists, trimmed, blank entries dropped',
      {
        innersource: {
          labels: {
            helpWanted: [' help wanted ', 'up for grabs', '  '],
            goodFirstIssue: ['starter'],
          },
        },
      },
      {
        helpWanted: ['help wanted', 'up for grabs'],
        goodFirstIssue: ['starter'],
      },
    ],
  ])('reads %s', (_name, config, expected) => {
    expect(readLabelSettings(new ConfigReader(config))).toEqual(expected);
  });

  it.each([
    [
      { helpWanted: [] },
      'innersource.labels.helpWanted must name at least one label',
    ],
    [
      { helpWanted: [' '] },
      'innersource.labels.helpWanted must name at least one label',
    ],
    [
      { goodFirstIssue: ['\t', '  '] },
      'innersource.labels.goodFirstIssue must name at least one label',
    ],
    [{ goodFirstIssue: 'starter' }, "key 'innersource.labels.goodFirstIssue'"],
    [{ helpWanted: [''] }, "key 'innersource.labels.helpWanted[0]'"],
  ])('stops on labels %j, naming the key', (labels, message) => {
    expect(() =>
      readLabelSettings(new ConfigReader({ innersource: { labels } })),
    ).toThrow(message);
  });

  it('gives each reader its own default lists', () => {
    const first = readLabelSettings(new ConfigReader({}));
    first.helpWanted.push('changed');
    expect(readLabelSettings(new ConfigReader({})).helpWanted).toEqual([
      'help wanted',
    ]);
  });
});
