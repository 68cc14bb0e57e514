import type { ProjectListItem } from '@innersource-for-backstage/plugin-innersource-common';
import { neutralizeCell, projectsCsv, toCsv } from './csv';

describe('neutralizeCell', () => {
  it.each([
    [
      '=HYPERLINK("http://evil.example","x")',
      `'=HYPERLINK("http://evil.example","x")`,
    ],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%p becomes %p', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('quotes fields with commas, quotes and line breaks, and neutralises formulas inside quotes too', () => {
    expect(
      toCsv([
        ['a,b', 'say "hi"', 'two\nlines'],
        ['=1+1', 7, null],
      ]),
    ).toBe('"a,b","say ""hi""","two\nlines"\r\n\'=1+1,7,\r\n');
  });
});

describe('projectsCsv', () => {
  it('writes a header and one row per project, unknown values empty', () => {
    const item: ProjectListItem = {
      entityRef: 'component:default/portal',
      title: '=cmd|calc',
      kind: 'component',
      owner: 'group:default/platform',
      tags: ['web'],
      skills: ['react', 'go'],
      contributions: [],
      status: 'collected',
      score: 72,
      tier: { name: 'Thriving', color: '#2e7d32' },
      refreshedAt: null,
      activity: { score: 1050, band: 'very high' },
      helpWanted: null,
      lastActivityAt: '2026-11-20T10:00:00.000Z',
      contributeUrl: 'https://github.com/acme/portal/contribute',
    };
    expect(projectsCsv([item]).split('\r\n')).toEqual([
      'Project,Title,Kind,Owner,Tier,Score,Activity,Language,Skills,Tags,Open help wanted,Last activity,Contribute',
      "component:default/portal,'=cmd|calc,component,group:default/platform,Thriving,72,very high,,react; go,web,,2026-11-20T10:00:00.000Z,https://github.com/acme/portal/contribute",
      '',
    ]);
  });
});
