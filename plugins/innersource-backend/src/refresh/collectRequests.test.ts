import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { InnerSourceProvider } from '@innersource-for-backstage/plugin-innersource-node';
import type { RefreshState } from '../database/RefreshStore';
import { readSettings } from '../settings';
import {
  brokenSlug,
  noRepository,
  payments,
  portal,
  project,
} from './__testUtils__/fixtures';
import { batchesOf, collectRequests } from './collectRequests';
import { ProviderRegistry } from './ProviderRegistry';

const seenAt = new Date('2026-11-24T10:00:00.000Z');
const github = {
  id: 'github',
  hosts: ['github.com'],
  batchSize: 2,
  supports: location => location.type === 'github',
  collect: async () => [],
} as InnerSourceProvider;
const settings = readSettings(
  new ConfigReader({ innersource: { labels: { helpWanted: ['help'] } } }),
);
const previous: RefreshState = {
  collectedAt: '2026-11-23T10:00:00.000Z',
  checkedAt: '2026-11-23T10:00:00.000Z',
  fingerprint: 'f0',
};
const plan = (
  entities: Entity[],
  options: { force?: boolean; stored?: string[] } = {},
) =>
  collectRequests(
    new Map(entities.map(e => [`component:default/${e.metadata.name}`, e])),
    new Map((options.stored ?? []).map(ref => [ref, previous])),
    {
      providers: new ProviderRegistry([github]),
      settings,
      seenAt,
      force: options.force ?? false,
    },
  );

describe('collectRequests', () => {
  it.each<[string, Entity, string]>([
    ['an unreadable slug', brokenSlug, 'not-a-slug'],
    ['no repository', noRepository, 'names no repository'],
    [
      'a host no provider serves',
      project('elsewhere', { 'gitlab.com/project-slug': 'acme/elsewhere' }),
      'no provider collects GitLab repositories on gitlab.com',
    ],
  ])('%s is a failure, never a request', (_, entity, message) => {
    const { requests, failures } = plan([entity]);
    expect(requests.size).toBe(0);
    expect(failures).toEqual([
      {
        entityRef: `component:default/${entity.metadata.name}`,
        message: expect.stringContaining(message),
      },
    ]);
  });

  it.each<[string, { force?: boolean; stored?: string[] }, boolean, boolean]>([
    ['never collected: backfill, no previous', {}, false, true],
    [
      'collected before: previous, no backfill',
      { stored: ['component:default/portal'] },
      true,
      false,
    ],
    [
      'collected before, forced: neither',
      { stored: ['component:default/portal'], force: true },
      false,
      false,
    ],
  ])('%s', (_, options, hasPrevious, hasBackfill) => {
    const [request] = plan([portal], options).requests.get(github)!;
    expect(request.previous).toEqual(hasPrevious ? previous : undefined);
    expect(request.backfill).toEqual(
      hasBackfill
        ? { since: new Date(seenAt.getTime() - 174 * 86_400_000).toISOString() }
        : undefined,
    );
  });

  it('asks for the configured labels and the entity’s own, each once, and names the labels it ignores', () => {
    const many = Array.from({ length: 13 }, (_, i) => `l${i}`);
    const entity = project('portal', {
      'github.com/project-slug': 'acme/portal',
      'innersource/help-wanted-labels': ['help', ...many].join(','),
    });
    const { requests, warnings } = plan([entity, payments]);
    const [first, second] = requests.get(github)!;
    expect(first.labels.helpWanted).toEqual(['help', ...many.slice(0, 9)]);
    expect(second.labels.helpWanted).toEqual(['help']);
    expect(first.location).toMatchObject({ type: 'github' });
    expect(warnings).toEqual([
      expect.stringContaining('component:default/portal lists 14 labels'),
    ]);
  });

  it.each([
    [[], 2, []],
    [[1, 2, 3], 2, [[1, 2], [3]]],
    [[1, 2], 5, [[1, 2]]],
  ])('batchesOf(%j, %d) is %j', (items, size, expected) => {
    expect(batchesOf(items, size)).toEqual(expected);
  });
});
