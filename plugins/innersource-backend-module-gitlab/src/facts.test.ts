import { mergeRequestFact } from './facts';
import type { GitlabMergeRequest } from './types';

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
