import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { ReadinessCheckResult } from '@innersource-for-backstage/plugin-innersource-common';
import { collectedEntry, projectRecord } from '../database/__testUtils__/fixtures';
import type {
  ProjectChange,
  StoredProjectState,
} from '../database/RefreshStore';
import {
  changeNotification,
  detectProjectChanges,
  innerSourceTabPath,
} from './projectChanges';
import { RefreshNotifier } from './RefreshNotifier';

const portal = projectRecord('portal');
const REF = portal.entityRef;

function check(
  id: ReadinessCheckResult['id'],
  passed: boolean,
  weight = 3,
): ReadinessCheckResult {
  return { id, title: id, passed, weight, advice: `Fix ${id}.` };
}

/** The entry being written: its score, tier and readiness checks. */
function entry(score: number, tier: string, readiness: ReadinessCheckResult[]) {
  const e = collectedEntry(portal, new Date('2026-11-27T10:00:00Z'), score);
  return {
    ...e,
    score: {
      ...e.score,
      score,
      tier: { name: tier, min: 0, color: '#000' },
      readiness,
    },
  };
}

const stored = (
  score: number,
  tierName: string,
  readiness: ReadinessCheckResult[],
): StoredProjectState => ({
  entityRef: REF,
  snapshotId: 7,
  score,
  tierName,
  readiness,
});

describe('detectProjectChanges', () => {
  const detect = detectProjectChanges({
    tierDrops: true,
    readinessRegressions: true,
  });
  const changes = (
    before: StoredProjectState,
    after: ReturnType<typeof entry>,
  ) => detect(before, after).map(c => c.change);

  it.each([
    [
      'a lower score in another tier',
      stored(72, 'Thriving', []),
      entry(55, 'Growing', []),
      ['tier'],
    ],
    [
      'a higher score in another tier',
      stored(55, 'Growing', []),
      entry(72, 'Thriving', []),
      [],
    ],
    [
      'a lower score in the same tier',
      stored(72, 'Thriving', []),
      entry(71, 'Thriving', []),
      [],
    ],
    [
      'a check that passed and fails',
      stored(60, 'Growing', [check('contributing', true)]),
      entry(60, 'Growing', [check('contributing', false)]),
      ['readiness:contributing'],
    ],
    [
      'a check that failed and still fails',
      stored(60, 'Growing', [check('contributing', false)]),
      entry(60, 'Growing', [check('contributing', false)]),
      [],
    ],
    [
      'a check switched off (weight 0)',
      stored(60, 'Growing', [check('codeowners', true)]),
      entry(60, 'Growing', [check('codeowners', false, 0)]),
      [],
    ],
    [
      'a check the stored snapshot did not have',
      stored(60, 'Growing', []),
      entry(60, 'Growing', [check('license', false)]),
      [],
    ],
  ])('on %s', (_, before, after, expected) => {
    expect(changes(before, after)).toEqual(expected);
  });

  it('gives a tier drop the advice of every check that fails now', () => {
    const [drop] = detect(
      stored(72, 'Thriving', [check('readme', true)]),
      entry(55, 'Growing', [
        check('readme', true),
        check('license', false),
        check('codeowners', false, 0),
      ]),
    ).filter(c => c.change === 'tier');
    expect(drop.advice).toEqual(['Fix license.']);
  });
});

describe('changeNotification', () => {
  const drop: ProjectChange = {
    entityRef: REF,
    change: 'tier',
    fromSnapshotId: 7,
    from: { score: 72, tierName: 'Thriving' },
    to: { score: 55, tierName: 'Growing' },
    advice: ['Fix license.'],
  };

  it("goes to the entity's owner, in its namespace, linking to its InnerSource tab", () => {
    const entity: Entity = {
      ...portal.entity,
      metadata: {
        ...portal.entity.metadata,
        namespace: 'shop',
        title: 'Portal',
      },
      spec: { ...portal.entity.spec, owner: 'web-team' },
    };
    expect(changeNotification(drop, entity)).toEqual({
      recipients: { type: 'entity', entityRef: ['group:shop/web-team'] },
      payload: {
        title: 'Portal: InnerSource tier dropped from Thriving to Growing',
        description:
          'Its InnerSource score went from 72 to 55. To do: Fix license.',
        link: '/catalog/default/component/portal/innersource',
        topic: 'InnerSource',
        severity: 'high',
        scope: `innersource:tier:${REF}`,
      },
    });
    expect(innerSourceTabPath('component:team a/my portal')).toBe(
      '/catalog/team%20a/component/my%20portal/innersource',
    );
  });

  it('is not sent for an entity with no owner', () => {
    const entity: Entity = { ...portal.entity, spec: { type: 'service' } };
    expect(changeNotification(drop, entity)).toBeUndefined();
  });
});

describe('RefreshNotifier', () => {
  it('logs a notification the service refuses and still sends the others', async () => {
    const logger = mockServices.logger.mock();
    const send = jest
      .fn()
      .mockRejectedValueOnce(new Error('notifications backend is down'))
      .mockResolvedValue(undefined);
    const notifier = new RefreshNotifier({
      notifications: { send },
      logger,
      kinds: { tierDrops: true, readinessRegressions: true },
    });
    const base = {
      entityRef: REF,
      fromSnapshotId: 7,
      from: { score: 72, tierName: 'Thriving' },
      to: { score: 55, tierName: 'Growing' },
      advice: [],
    };
    await notifier.written({
      entities: new Map([[REF, portal.entity]]),
      changes: [
        { ...base, change: 'tier' },
        {
          ...base,
          change: 'readiness:readme',
          check: { id: 'readme', title: 'README' },
        },
      ],
    });
    expect(send).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'could not notify the owners of component:default/portal (tier)',
      ),
    );
  });

  it('claims no changes when no kind is switched on', () => {
    const notifier = new RefreshNotifier({
      notifications: { send: jest.fn() },
      logger: mockServices.logger.mock(),
      kinds: { tierDrops: false, readinessRegressions: false },
    });
    expect(notifier.detectChanges).toBeUndefined();
  });
});
