import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  isInnerSourceProject,
  matchesSelector,
  MAX_HELP_WANTED_LABELS,
  parseHelpWantedLabels,
  parseListAnnotation,
} from './catalog';

function entity(
  kind: string,
  tags: string[] = [],
  annotations: Record<string, string> = {},
  spec: JsonObject = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', tags, annotations },
    spec,
  };
}

describe('isInnerSourceProject', () => {
  it.each([
    ['a tagged Component', entity('Component', ['innersource']), true],
    ['a tagged System', entity('System', ['InnerSource']), true],
    ['a tagged Resource', entity('Resource', ['java', 'innersource']), true],
    ['an untagged Component', entity('Component', ['java']), false],
    ['a tagged API (kind not selected)', entity('API', ['innersource']), false],
    [
      'an untagged Component that opts in',
      entity('Component', [], { 'innersource/enabled': 'true' }),
      true,
    ],
    [
      'a tagged Component that opts out',
      entity('Component', ['innersource'], { 'innersource/enabled': 'false' }),
      false,
    ],
    [
      'an opted-in API (the annotation wins over kind)',
      entity('API', [], { 'innersource/enabled': 'true' }),
      true,
    ],
  ])('%s → %p', (_name, e, expected) => {
    expect(isInnerSourceProject(e)).toBe(expected);
  });

  it('uses a configured selector instead of the default', () => {
    const selector = { kind: 'Component', 'spec.type': ['library', 'service'] };
    expect(
      isInnerSourceProject(
        entity('Component', [], {}, { type: 'Library' }),
        selector,
      ),
    ).toBe(true);
    expect(
      isInnerSourceProject(
        entity('Component', ['innersource'], {}, { type: 'website' }),
        selector,
      ),
    ).toBe(false);
  });
});

describe('matchesSelector', () => {
  it('reads annotation keys that contain dots as one key', () => {
    const e = entity('Component', [], {
      'backstage.io/source-location': 'dir:.',
    });
    expect(
      matchesSelector(e, {
        'metadata.annotations.backstage.io/source-location': 'dir:.',
      }),
    ).toBe(true);
    expect(
      matchesSelector(e, {
        'metadata.annotations.backstage.io/source-location': 'url:x',
      }),
    ).toBe(false);
  });

  it('treats a missing field as no match', () => {
    expect(
      matchesSelector(entity('Component'), { 'spec.type': 'service' }),
    ).toBe(false);
  });
});

describe('parseListAnnotation', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['Go, TypeScript ,go,,react', ['go', 'typescript', 'react']],
  ])('%p → %p', (value, expected) => {
    expect(parseListAnnotation(value)).toEqual(expected);
  });
});

describe('parseHelpWantedLabels', () => {
  const labels = (n: number) =>
    Array.from({ length: n }, (_, i) => `label ${i + 1}`);
  it.each([
    ['no annotation', undefined, [], []],
    [
      'a few labels, trimmed and lower-cased',
      ' Help Wanted,needs-docs ',
      ['help wanted', 'needs-docs'],
      [],
    ],
    ['exactly the cap', labels(10).join(','), labels(10), []],
    [
      'more than the cap: the first ten count, the rest are ignored',
      labels(14).join(','),
      labels(10),
      labels(14).slice(10),
    ],
    [
      'repeats count once, before the cap',
      [...labels(10), ...labels(10), 'extra'].join(','),
      labels(10),
      ['extra'],
    ],
  ])('%s', (_what, value, expected, ignored) => {
    const annotations: Record<string, string> =
      value === undefined ? {} : { 'innersource/help-wanted-labels': value };
    expect(parseHelpWantedLabels(entity('Component', [], annotations))).toEqual(
      {
        labels: expected,
        ignored,
      },
    );
  });

  it('caps at 10', () => {
    expect(MAX_HELP_WANTED_LABELS).toBe(10);
  });
});
