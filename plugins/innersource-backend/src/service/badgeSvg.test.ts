import {
  BADGE_KINDS,
  BADGE_STYLES,
} from '@innersource-for-backstage/plugin-innersource-common';
import { svgSafetyProblems } from './__testUtils__/svgSafety';
import {
  BADGE_TEXT_MAX,
  badgeContent,
  BadgeData,
  badgeEtag,
  badgeFace,
  badgeText,
  matchesEtag,
  renderBadge,
} from './badgeSvg';

const data: BadgeData = {
  entityRef: 'component:default/portal',
  displayName: 'ACME portal',
  score: 72,
  tier: { name: 'Thriving', color: '#2e7d32' },
  activityBand: 'very high',
  helpWanted: 3,
  insideContributors: 4,
  outsideContributors: 2,
};

/** Text an entity, a repository or a config could carry into a badge. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><svg onload="alert(1)">',
  "' onmouseover='alert(1)",
  'Fish & Chips &amp; &lt;b&gt; &#x3c;',
  ']]><![CDATA[<script>x</script>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  '<a xlink:href="https://evil.example/">x</a>',
  '<image href="https://evil.example/track.png"/>',
  'url(https://evil.example/x.png)',
  // eslint-disable-next-line no-script-url
  'javascript:alert(1)',
  'bell\u0007 nul\u0000 esc\u001b[31m tab\t line\nbreak\r del\u007f c1\u0085',
  'lone \ud800 high and \udfff low, \ufffe and \uffff',
  'x'.repeat(10_000),
  'W'.repeat(10_000),
  '<'.repeat(10_000),
  '😀'.repeat(10_000),
];

describe('badgeText', () => {
  it.each([
    ['keeps ordinary text', 'help wanted', 'help wanted'],
    [
      'turns control characters into single spaces',
      'a\u0000\u0007b\nc',
      'a b c',
    ],
    [
      'drops lone surrogates and non-characters',
      'a\ud800b\udfffc\ufffe',
      'abc',
    ],
    ['keeps characters outside the basic plane', 'ship 🚀', 'ship 🚀'],
    ['trims and shrinks runs of space', '  a   b  ', 'a b'],
  ])('%s', (_, input, expected) => {
    expect(badgeText(input)).toBe(expected);
  });

  it('cuts long text to the limit with an ellipsis, counting characters not code units', () => {
    const cut = badgeText('😀'.repeat(100));
    expect([...cut]).toHaveLength(BADGE_TEXT_MAX);
    expect(cut.endsWith('…')).toBe(true);
    expect(badgeText('a'.repeat(BADGE_TEXT_MAX))).toBe('a'.repeat(32));
  });
});

describe('badgeContent', () => {
  it.each([
    [
      'score',
      { label: 'InnerSource score', message: '72/100', color: '#2e7d32' },
    ],
    ['tier', { label: 'InnerSource', message: 'Thriving', color: '#2e7d32' }],
    ['activity', { label: 'activity', message: 'very high', color: '#2e7d32' }],
    [
      'help-wanted',
      { label: 'help wanted', message: '3 open', color: '#008672' },
    ],
    [
      'contributors',
      {
        label: 'contributors',
        message: '4 inside | 2 outside',
        color: '#0277bd',
      },
    ],
    [
      'contribute',
      { label: 'contribute to', message: 'ACME portal', color: '#2e7d32' },
    ],
  ] as const)('says what the %s badge shows', (kind, content) => {
    expect(badgeContent(kind, data)).toEqual(content);
  });

  it('says a project is not measured, never a made-up zero', () => {
    const pending: BadgeData = {
      ...data,
      score: null,
      tier: null,
      activityBand: null,
      helpWanted: null,
      insideContributors: null,
      outsideContributors: null,
    };
    expect(
      BADGE_KINDS.map(kind => badgeContent(kind, pending).message),
    ).toEqual([
      'not measured',
      'not measured',
      'unknown',
      'unknown',
      'unknown',
      'ACME portal',
    ]);
  });

  it('uses grey for a tier colour that is no hex colour', () => {
    expect(
      badgeContent('tier', {
        ...data,
        tier: { name: 'Gold', color: 'red" onload="alert(1)' },
      }).color,
    ).toBe('#9e9e9e');
  });
});

describe('rendered badges', () => {
  it.each(BADGE_STYLES)(
    'are safe SVG for every badge in the %s style, whatever text they carry',
    style => {
      for (const text of HOSTILE) {
        const hostile: BadgeData = {
          ...data,
          displayName: text,
          tier: { name: text, color: '#2e7d32' },
          activityBand: text,
        };
        for (const kind of BADGE_KINDS) {
          for (const label of [undefined, text]) {
            const svg = renderBadge(
              badgeFace(badgeContent(kind, hostile), { style, label }),
            );
            expect({
              kind,
              text: text.slice(0, 60),
              problems: svgSafetyProblems(svg),
            }).toEqual({
              kind,
              text: text.slice(0, 60),
              problems: [],
            });
          }
        }
      }
    },
  );

  it('show the text, escaped', () => {
    const svg = renderBadge(
      badgeFace(
        badgeContent('contribute', { ...data, displayName: 'Fish & <Chips>' }),
        { style: 'flat' },
      ),
    );
    expect(svg).toContain('Fish &amp; &lt;Chips&gt;');
    expect(svg).not.toContain('<Chips>');
  });

  it('the safety check itself finds what it looks for', () => {
    const svg = (body: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20">${body}</svg>`;
    expect(svgSafetyProblems(svg('<script>alert(1)</script>'))).toEqual([
      'has a <script> element',
    ]);
    expect(svgSafetyProblems(svg('<rect onclick="x()"/>'))).toEqual([
      '<rect> has an event attribute onclick',
    ]);
    expect(
      svgSafetyProblems(svg('<image href="https://evil.example/x.png"/>')),
    ).toEqual(['<image> references https://evil.example/x.png']);
    expect(
      svgSafetyProblems(svg('<rect fill="url(https://evil.example/#a)"/>')),
    ).toEqual(['<rect> fill loads a URL']);
    expect(svgSafetyProblems(svg('<text>a < b</text>'))[0]).toMatch(/^not XML/);
    expect(
      svgSafetyProblems(
        `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="20"/>`,
      ),
    ).toEqual(['is 4000 pixels wide']);
  });
});

describe('ETags', () => {
  const face = badgeFace(badgeContent('score', data), { style: 'flat' });

  it('are strong, and change exactly when what the badge shows changes', () => {
    expect(badgeEtag(face)).toMatch(/^"[\w-]{27}"$/);
    expect(badgeEtag(face)).toBe(
      badgeEtag(
        badgeFace(badgeContent('score', { ...data }), { style: 'flat' }),
      ),
    );
    for (const other of [
      badgeFace(badgeContent('score', { ...data, score: 73 }), {
        style: 'flat',
      }),
      badgeFace(badgeContent('score', data), { style: 'social' }),
      badgeFace(badgeContent('score', data), { style: 'flat', label: 'score' }),
      badgeFace(
        badgeContent('score', {
          ...data,
          tier: { name: 'Thriving', color: '#000' },
        }),
        { style: 'flat' },
      ),
    ]) {
      expect(badgeEtag(other)).not.toBe(badgeEtag(face));
    }
  });

  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
  ])('If-None-Match %p matches "abc": %p', (header, matches) => {
    expect(matchesEtag(header, '"abc"')).toBe(matches);
  });
});
