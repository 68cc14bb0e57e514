import { contributeUrl, directoryColumns } from './directoryColumns';
import {
  collectedEntry,
  projectMetrics,
  projectRecord,
  repositoryFacts,
} from './__testUtils__/fixtures';

const at = new Date('2026-11-24T12:00:00.000Z');
const withFiles = (contributing: boolean) => ({
  readme: true,
  contributing,
  codeowners: false,
  license: true,
  issueTemplate: false,
  pullRequestTemplate: false,
  innersourceJson: false,
});

describe('contributeUrl', () => {
  it.each([
    [
      'the docs of innersource.json first',
      {
        innersourceJson: { docs: 'https://docs.acme.example/portal' },
      },
      'https://docs.acme.example/portal',
    ],
    [
      "GitHub's contribute page, which links the guide wherever it lives",
      { files: withFiles(true) },
      'https://github.com/acme/portal/contribute',
    ],
    [
      "the guide at a GitLab project's root, on its default branch",
      {
        provider: 'gitlab',
        webUrl: 'https://gitlab.acme.example/platform/portal/',
        defaultBranch: 'release/2',
        files: withFiles(true),
      },
      'https://gitlab.acme.example/platform/portal/-/blob/release%2F2/CONTRIBUTING.md',
    ],
    [
      'the repository when there is no guide',
      { files: withFiles(false) },
      'https://github.com/acme/portal',
    ],
    [
      'the repository when docs is a script, not a web link',
      // eslint-disable-next-line no-script-url
      { innersourceJson: { docs: 'javascript:alert(1)' } },
      'https://github.com/acme/portal/contribute',
    ],
    [
      'the repository of the git provider, which knows no guide page',
      {
        provider: 'git',
        webUrl: 'https://git.acme.example/portal',
        files: withFiles(true),
      },
      'https://git.acme.example/portal',
    ],
    [
      'nothing for a folder on disk',
      { provider: 'git', webUrl: undefined, files: withFiles(true) },
      undefined,
    ],
  ])('gives %s', (_, overrides, expected) => {
    expect(contributeUrl(repositoryFacts('portal', at, overrides))).toBe(
      expected,
    );
  });
});

describe('directoryColumns', () => {
  const record = projectRecord('portal');

  it('keeps what the directory sorts by and the badges show', () => {
    expect(directoryColumns(collectedEntry(record, at, 72))).toEqual({
      activity_score: 720,
      activity_band: 'very high',
      help_wanted: 2,
      // 6 contributors: 2 outside, 1 unmapped
      inside_contributors: 3,
      outside_contributors: 2,
      last_activity_at: '2026-11-24T07:00:00.000Z',
      contribute_url: 'https://github.com/acme/portal/contribute',
    });
  });

  it('keeps unknown facts unknown, never zero', () => {
    const entry = collectedEntry(record, at, 30, {
      facts: repositoryFacts('portal', at, { updatedAt: null }),
      metrics: projectMetrics({
        contributors: null,
        outsideContributors: null,
        openHelpWanted: null,
      }),
    });
    entry.score = { ...entry.score, activity: null };
    expect(directoryColumns(entry)).toMatchObject({
      activity_score: -1,
      activity_band: null,
      help_wanted: null,
      inside_contributors: null,
      outside_contributors: null,
      last_activity_at: null,
    });
  });
});
