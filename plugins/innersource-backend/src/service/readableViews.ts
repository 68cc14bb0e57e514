import {
  lowerRef as lower,
  type ContributorSummary,
  type GroupSummary,
} from '@innersource-for-backstage/plugin-innersource-common';

type ReadableRefs = (refs: string[]) => Promise<Set<string>>;

/** Contributors keep their user and team refs only where the caller may read those entities. */
export async function withoutUnreadableRefs(
  contributors: ContributorSummary[],
  readableRefs: ReadableRefs,
): Promise<ContributorSummary[]> {
  const refs = contributors.flatMap(c =>
    [c.userRef, c.teamRef].filter((r): r is string => Boolean(r)),
  );
  const readable = await readableRefs([...new Set(refs)]);
  const keep = (ref: string | undefined) =>
    ref && readable.has(lower(ref)) ? ref : undefined;
  return contributors.map(({ userRef, teamRef, ...rest }) => {
    const user = keep(userRef);
    const team = keep(teamRef);
    return {
      ...rest,
      ...(user ? { userRef: user } : {}),
      ...(team ? { teamRef: team } : {}),
    };
  });
}

/** A group's projects and flows, each only where the caller may read both the project and the other team. */
export async function readableGroupSummary(
  summary: Omit<GroupSummary, 'groupRef'>,
  readableRefs: ReadableRefs,
): Promise<Omit<GroupSummary, 'groupRef'>> {
  const flows = [...summary.given, ...summary.received];
  const readable = await readableRefs([
    ...new Set([
      ...summary.projects.map(p => p.entityRef),
      ...flows.flatMap(f => [f.projectRef, f.counterpart].filter(Boolean)),
    ]),
  ]);
  const visible = (ref: string) => readable.has(lower(ref));
  // A project without an owner has no counterpart to hide.
  const readableFlow = (f: GroupSummary['given'][number]) =>
    visible(f.projectRef) && (!f.counterpart || visible(f.counterpart));
  return {
    projects: summary.projects.filter(p => visible(p.entityRef)),
    given: summary.given.filter(readableFlow),
    received: summary.received.filter(readableFlow),
  };
}
