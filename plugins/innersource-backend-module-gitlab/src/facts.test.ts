import { commitHistory, mergeRequestFact } from './facts';
import type { GitlabMergeRequest, RestCommit } from './types';

const mr = (notes: GitlabMergeRequest['notes']): GitlabMergeRequest => ({
  id: 'gid://gitlab/MergeRequest/1',
  iid: '1',
  createdAt: '2026-11-01T00:00:00Z',
  state: 'opened',
  author: { username: 'Ian', bot: false },
  notes,
});
const note = (username: string, at: string, extra: object = {}) => ({
  system: false,
  createdAt: `2026-11-01T${at}:00Z`,
  author: { username, bot: false },
  ...extra,
});

describe('mergeRequestFact', () => {
  it.each([
    [
      'the first comment by someone else',
      [note('olga', '02:00'), note('dave', '01:00')],
      '2026-11-01T01:00:00.000Z',
    ],
    [
      "not the author's own comment, whatever its case",
      [note('ian', '01:00'), note('olga', '03:00')],
      '2026-11-01T03:00:00.000Z',
    ],
    [
      'not a system note',
      [note('olga', '01:00', { system: true }), note('olga', '04:00')],
      '2026-11-01T04:00:00.000Z',
    ],
    [
      'not a bot',
      [note('helper', '01:00', { author: { username: 'helper', bot: true } })],
      undefined,
    ],
    ['none without comments', [], undefined],
  ])('answers with %s', (_name, notes, firstResponseAt) => {
    expect(mergeRequestFact(mr({ nodes: notes })).firstResponseAt).toBe(
      firstResponseAt,
    );
  });

  it("marks a bot author as GitLab flags it, which the metrics leave out, and maps GitLab's states", () => {
    expect(
      mergeRequestFact({
        ...mr(null),
        state: 'merged',
        mergedAt: '2026-11-02T00:00:00Z',
        author: { username: 'project_7_bot_3f1a', bot: true },
      }),
    ).toEqual({
      id: 'gid://gitlab/MergeRequest/1',
      author: { login: 'project_7_bot_3f1a', bot: true },
      createdAt: '2026-11-01T00:00:00.000Z',
      state: 'merged',
      mergedAt: '2026-11-02T00:00:00.000Z',
      closedAt: '2026-11-02T00:00:00.000Z',
      responses: [],
    });
    expect(mergeRequestFact({ ...mr(null), state: 'locked' }).state).toBe(
      'open',
    );
    expect(
      mergeRequestFact({
        ...mr(null),
        state: 'closed',
        closedAt: '2026-11-03T00:00:00Z',
      }),
    ).toMatchObject({ state: 'closed', closedAt: '2026-11-03T00:00:00.000Z' });
  });
});

describe('commitHistory', () => {
  const commit = (id: string, day: number, merge = false): RestCommit => ({
    id,
    committed_date: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
    author_name: id,
    author_email: `${id}@acme.example`,
    parent_ids: merge ? ['a', 'b'] : ['a'],
  });
  const listed = [commit('c2', 20), commit('merge', 15, true), commit('c1', 5)];

  it.each([
    {
      case: 'a whole list is whole from the date asked',
      cut: false,
      completeSince: '2026-09-01T00:00:00.000Z',
    },
    {
      case: 'a list cut short is whole from its oldest commit',
      cut: true,
      completeSince: '2026-10-05T00:00:00.000Z',
    },
  ])('$case, merges aside', ({ cut, completeSince }) => {
    const history = commitHistory(listed, {
      since: '2026-09-01T00:00:00.000Z',
      cut,
    });
    expect(history.commits.map(c => c.sha)).toEqual(['c2', 'c1']);
    expect(history.completeSince).toBe(completeSince);
  });
});
