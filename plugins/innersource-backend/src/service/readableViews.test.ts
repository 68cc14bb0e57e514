import type {
  ContributorSummary,
  GroupSummary,
} from '@innersource-for-backstage/plugin-innersource-common';
import { readableGroupSummary, withoutUnreadableRefs } from './readableViews';

const READABLE = new Set([
  'component:default/portal',
  'group:default/web-team',
  'user:default/alice',
]);
// As the catalog access does: the readable ones, lower-case.
const readableRefs = async (refs: string[]) =>
  new Set(
    refs.map(r => r.toLocaleLowerCase('en-US')).filter(r => READABLE.has(r)),
  );

const contributor = (
  key: string,
  userRef?: string,
  teamRef?: string,
): ContributorSummary => ({
  key,
  displayName: key,
  ...(userRef ? { userRef } : {}),
  ...(teamRef ? { teamRef } : {}),
  side: 'outside',
  commits: 1,
  pullRequests: 0,
  lastContributionAt: '2026-11-20T00:00:00.000Z',
});

describe('withoutUnreadableRefs', () => {
  it.each([
    {
      what: 'keeps refs the caller may read, whatever their case',
      given: contributor('a', 'User:default/Alice', 'group:default/web-team'),
      expected: contributor(
        'a',
        'User:default/Alice',
        'group:default/web-team',
      ),
    },
    {
      what: 'drops a user ref the caller may not read, keeping the person',
      given: contributor('b', 'user:default/hidden', 'group:default/web-team'),
      expected: contributor('b', undefined, 'group:default/web-team'),
    },
    {
      what: 'drops a team ref the caller may not read',
      given: contributor(
        'c',
        'user:default/alice',
        'group:default/secret-team',
      ),
      expected: contributor('c', 'user:default/alice'),
    },
    {
      what: 'leaves a contributor without refs as it is',
      given: contributor('d'),
      expected: contributor('d'),
    },
  ])('$what', async ({ given, expected }) => {
    expect(await withoutUnreadableRefs([given], readableRefs)).toEqual([
      expected,
    ]);
  });
});

describe('readableGroupSummary', () => {
  const flow = (projectRef: string, counterpart: string) => ({
    projectRef,
    counterpart,
    contributors: 1,
    contributions: 2,
  });
  const summary: Omit<GroupSummary, 'groupRef'> = {
    projects: [],
    given: [
      flow('component:default/portal', 'group:default/web-team'),
      flow('component:default/hidden', 'group:default/web-team'),
      flow('component:default/portal', 'group:default/secret-team'),
      flow('component:default/portal', ''),
    ],
    received: [
      flow('component:default/portal', 'group:default/secret-team'),
      flow('component:default/portal', 'group:default/web-team'),
    ],
  };

  it('keeps a flow only where the caller may read both its project and the other team', async () => {
    const readable = await readableGroupSummary(summary, readableRefs);
    expect(readable.given).toEqual([
      flow('component:default/portal', 'group:default/web-team'),
      flow('component:default/portal', ''),
    ]);
    expect(readable.received).toEqual([
      flow('component:default/portal', 'group:default/web-team'),
    ]);
  });
});
