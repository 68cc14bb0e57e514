import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { parseScoringConfig } from '@innersource-for-backstage/plugin-innersource-common';
import { OrgDirectory } from '../metrics/OrgDirectory';
import { readSettings } from '../settings';
import { facts, org, portal, project } from './__testUtils__/fixtures';
import { snapshotOf, SnapshotContext, SnapshotSource } from './snapshotOf';

const now = new Date('2026-11-24T10:00:00.000Z');
const context: SnapshotContext = {
  org: OrgDirectory.fromEntities(org),
  scoring: parseScoringConfig(undefined),
  settings: readSettings(
    new ConfigReader({
      innersource: { labels: { goodFirstIssue: ['Good First Issue'] } },
    }),
  ),
  keySecret: Buffer.from('an installation secret, 32 bytes'),
  now,
};
const history = {
  completeSince: '2025-01-01T00:00:00.000Z',
  commits: [
    {
      sha: 'old',
      author: { email: 'alice@acme.example' },
      committedAt: '2026-10-20T00:00:00.000Z',
    },
  ],
};

function source(overrides: Partial<SnapshotSource> = {}): SnapshotSource {
  return {
    entityRef: 'component:default/portal',
    entity: portal,
    facts: facts(now, 3, 2),
    fingerprint: 'f1',
    knownContributorKeys: null,
    ...overrides,
  };
}

const owned = (owner: string): Entity => ({
  ...portal,
  spec: { ...portal.spec, owner },
});

describe('snapshotOf', () => {
  it.each<[string, Partial<SnapshotSource>, boolean]>([
    ['a first collection with history', { history }, true],
    ['a first collection without history', {}, false],
    [
      'a later collection, history or not',
      { history, knownContributorKeys: new Set(['user:default/alice']) },
      false,
    ],
  ])('%s: backfilled weeks %s', (_, overrides, backfilled) => {
    const { entry } = snapshotOf(source(overrides), context);
    expect(entry.backfill?.length ?? 0).toBe(backfilled ? 12 : 0);
  });

  it.each<[string, Entity, Record<string, string>]>([
    [
      'platform-team owns it: alice inside, bob outside',
      portal,
      { 'user:default/alice': 'inside', 'user:default/bob': 'outside' },
    ],
    [
      'payments-team owns it (written in any case): bob inside',
      owned('Group:Payments-Team'),
      { 'user:default/alice': 'outside', 'user:default/bob': 'inside' },
    ],
    [
      'no owner: nobody is inside',
      { ...portal, spec: { type: 'service', lifecycle: 'production' } },
      { 'user:default/alice': 'outside', 'user:default/bob': 'outside' },
    ],
  ])('%s', (_, entity, sides) => {
    const { entry } = snapshotOf(source({ entity }), context);
    expect(
      Object.fromEntries(entry.contributors.map(c => [c.userRef, c.side])),
    ).toEqual(sides);
  });

  it('keeps what the store writes: facts, tasks, fingerprint, score, lower-case good-first labels', () => {
    const { entry, profileError } = snapshotOf(source(), context);
    expect(profileError).toBeUndefined();
    expect(entry).toMatchObject({
      entityRef: 'component:default/portal',
      collectedAt: now,
      fingerprint: 'f1',
      goodFirstLabels: ['good first issue'],
      tasks: [expect.objectContaining({ id: 'I_1' })],
    });
    expect(entry.metrics.commits).toBe(5);
    expect(entry.scoringInput.metrics).toBe(entry.metrics);
    expect(entry.score.profile).toBe('default');
  });

  const anyProfileError = expect.stringContaining('no-such-profile');
  it.each<[string, Entity, unknown]>([
    ['no profile named', portal, undefined],
    [
      'a profile that is not configured',
      project('portal', {
        'github.com/project-slug': 'acme/portal',
        'innersource/scoring-profile': 'no-such-profile',
      }),
      anyProfileError,
    ],
  ])('%s', (_, entity, expected) => {
    const { entry, profileError } = snapshotOf(source({ entity }), context);
    expect(profileError).toEqual(expected);
    // an unknown profile scores with the default one
    expect(entry.score.profile).toBe('default');
  });

  it('bounds the facts it is given', () => {
    const long = 'x'.repeat(100_000);
    const { entry } = snapshotOf(
      source({ facts: { ...facts(now, 1, 0), description: long } }),
      context,
    );
    expect(entry.facts.description!.length).toBeLessThan(long.length);
  });

  it('is pure: the same input gives the same snapshot and is left as it was', () => {
    const input = source({ history });
    const before = structuredClone(input);
    const first = snapshotOf(input, context);
    expect(snapshotOf(input, context)).toEqual(first);
    expect(input).toEqual(before);
  });
});
