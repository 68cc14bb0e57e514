import { ConfigReader } from '@backstage/config';
import {
  ForgeProviderSettingsOptions,
  readForgeProviderSettings,
} from './forgeSettings';

const github: ForgeProviderSettingsOptions = {
  forge: 'github',
  defaults: { reserve: 0.2, maxInFlight: 8, maxSnapshotAgeHours: 24 },
  reserveOf: "each hour's points",
};
const gitlab: ForgeProviderSettingsOptions = {
  forge: 'gitlab',
  defaults: { reserve: 0.1, maxInFlight: 4, maxSnapshotAgeHours: 12 },
  reserveOf: 'each rate-limit window',
};

describe('readForgeProviderSettings', () => {
  it.each([
    [
      'the defaults without an innersource section',
      github,
      {},
      { reserve: 0.2, maxInFlight: 8, maxSnapshotAgeHours: 24, allow: [] },
    ],
    [
      "the forge's own defaults",
      gitlab,
      { innersource: { github: { maxInFlight: 1 } } },
      { reserve: 0.1, maxInFlight: 4, maxSnapshotAgeHours: 12, allow: [] },
    ],
    [
      'the keys its section sets, the defaults for the others',
      gitlab,
      { innersource: { gitlab: { reserve: 0, maxSnapshotAgeHours: 0.5 } } },
      { reserve: 0, maxInFlight: 4, maxSnapshotAgeHours: 0.5, allow: [] },
    ],
    [
      'every key, and the allow list',
      github,
      {
        innersource: {
          github: { reserve: 0.5, maxInFlight: 2, maxSnapshotAgeHours: 48 },
          repositories: { allow: ['github.com/acme/*'] },
        },
      },
      {
        reserve: 0.5,
        maxInFlight: 2,
        maxSnapshotAgeHours: 48,
        allow: ['github.com/acme/*'],
      },
    ],
  ])('reads %s', (_name, options, config, expected) => {
    expect(
      readForgeProviderSettings(new ConfigReader(config), options),
    ).toEqual(expected);
  });

  it.each([
    [
      github,
      { github: { reserve: 1 } },
      "innersource.github.reserve must be a share from 0 to below 1 (0.2 keeps 20% of each hour's points), got 1",
    ],
    [
      gitlab,
      { gitlab: { reserve: -0.1 } },
      'innersource.gitlab.reserve must be a share from 0 to below 1 (0.2 keeps 20% of each rate-limit window), got -0.1',
    ],
    [
      gitlab,
      { gitlab: { reserve: 'lots' } },
      "key 'innersource.gitlab.reserve'",
    ],
    [
      github,
      { github: { maxInFlight: 9 } },
      'innersource.github.maxInFlight must be a whole number from 1 to 8, got 9',
    ],
    [
      gitlab,
      { gitlab: { maxInFlight: 2.5 } },
      'innersource.gitlab.maxInFlight must be a whole number from 1 to 8, got 2.5',
    ],
    [
      github,
      { github: { maxSnapshotAgeHours: 0 } },
      'innersource.github.maxSnapshotAgeHours must be above 0, got 0',
    ],
    [
      gitlab,
      { repositories: { allow: ['gitlab.com'] } },
      'innersource.repositories.allow[0] "gitlab.com" is not a host/owner/name pattern',
    ],
  ])(
    'stops on a wrong value, naming its key (%#)',
    (options, innersource, message) => {
      expect(() =>
        readForgeProviderSettings(new ConfigReader({ innersource }), options),
      ).toThrow(message);
    },
  );
});
