import type { Entity } from '@backstage/catalog-model';
import { unavailableRepositoryMessage } from '../repositoryRule';
import {
  backfillSince,
  deferredResults,
  failedResult,
  repositoryRefusal,
  requestedLabels,
} from './results';

const entity = (managedBy?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'portal',
    annotations: managedBy
      ? { 'backstage.io/managed-by-location': managedBy }
      : {},
  },
  spec: {},
});

const repository = (visibility: string | null) => ({
  host: 'gitlab.example',
  path: 'acme/portal',
  visibility,
  webUrl: 'https://gitlab.example/acme/portal',
  fileSegments: ['-'],
});

const OWN_FILE =
  'url:https://gitlab.example/acme/portal/-/blob/main/catalog-info.yaml';

describe('repositoryRefusal', () => {
  it.each<[string, string | null, string[], string | undefined, boolean]>([
    ['a public repository', 'public', [], undefined, false],
    ['an internal one', 'INTERNAL', [], undefined, false],
    ['a private one', 'private', [], undefined, true],
    [
      'a private one allowed, its entity registered from a file elsewhere',
      'private',
      ['gitlab.example/acme/*'],
      'url:https://gitlab.example/acme/other/-/blob/main/catalog-info.yaml',
      true,
    ],
    [
      'a private one allowed, its entity registered from inside it',
      'private',
      ['gitlab.example/acme/*'],
      OWN_FILE,
      false,
    ],
    ['one the forge says nothing of', null, [], OWN_FILE, true],
  ])('%s: refused %s', (_name, visibility, allow, managedBy, refused) => {
    const result = repositoryRefusal(
      { entityRef: 'component:default/portal', entity: entity(managedBy) },
      repository(visibility),
      { allow, forge: 'GitLab' },
    );
    expect(result).toEqual(
      refused
        ? {
            entityRef: 'component:default/portal',
            outcome: 'failed',
            error: unavailableRepositoryMessage('gitlab.example/acme/portal'),
            forget: true,
          }
        : undefined,
    );
  });
});

describe('result builders', () => {
  it('fail, forgetting only when told', () => {
    expect(failedResult({ entityRef: 'a' }, 'no')).toEqual({
      entityRef: 'a',
      outcome: 'failed',
      error: 'no',
    });
    expect(failedResult({ entityRef: 'a' }, 'no', { forget: true })).toEqual({
      entityRef: 'a',
      outcome: 'failed',
      error: 'no',
      forget: true,
    });
  });

  it('defer each target with the reason', () => {
    expect(
      deferredResults(
        [{ request: { entityRef: 'a' } }, { request: { entityRef: 'b' } }],
        'spent',
      ),
    ).toEqual([
      { entityRef: 'a', outcome: 'deferred', reason: 'spent' },
      { entityRef: 'b', outcome: 'deferred', reason: 'spent' },
    ]);
  });
});

describe('requestedLabels', () => {
  it.each<[string, string[], string[], string[]]>([
    ['none', [], [], []],
    [
      'both kinds, in order',
      ['help wanted'],
      ['good first issue'],
      ['help wanted', 'good first issue'],
    ],
    [
      'one label in two cases once, as last spelt',
      ['Help Wanted'],
      ['help wanted'],
      ['help wanted'],
    ],
  ])('%s', (_name, helpWanted, goodFirstIssue, labels) => {
    expect(requestedLabels({ labels: { helpWanted, goodFirstIssue } })).toEqual(
      labels,
    );
  });
});

describe('backfillSince', () => {
  it.each<[string, { since: string } | undefined, string | undefined]>([
    ['no backfill asked', undefined, undefined],
    ['a date', { since: '2026-09-01' }, '2026-09-01T00:00:00.000Z'],
    [
      'a full time',
      { since: '2026-09-01T10:00:00+02:00' },
      '2026-09-01T08:00:00.000Z',
    ],
    ['a date that does not parse', { since: 'last spring' }, undefined],
  ])('%s', (_name, backfill, since) => {
    expect(backfillSince(backfill ? { backfill } : {})).toBe(since);
  });
});
