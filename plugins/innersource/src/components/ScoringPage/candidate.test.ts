import { candidateText, parseCandidate } from './candidate';

describe('parseCandidate', () => {
  const tiers = [{ name: 'All', min: 0, color: '#607d8b' }];

  it.each([
    ['a bare block', 'tiers:\n  - { name: All, min: 0, color: "#607d8b" }\n'],
    [
      'a block under scoring:',
      'scoring:\n  tiers:\n    - { name: All, min: 0, color: "#607d8b" }\n',
    ],
    [
      'a block copied from app-config with innersource: and scoring:',
      'innersource:\n  scoring:\n    tiers:\n      - { name: All, min: 0, color: "#607d8b" }\n',
    ],
  ])('reads %s', (_, text) => {
    expect(parseCandidate(text)).toEqual({ block: { tiers } });
  });

  it('reads an empty editor as an empty block: the defaults', () => {
    expect(parseCandidate('  \n# nothing yet\n')).toEqual({ block: {} });
  });

  it('keeps scoring: as a key when it is not alone, so the backend can name it', () => {
    expect(parseCandidate('scoring: {}\ntiers: []\n')).toEqual({
      block: { scoring: {}, tiers: [] },
    });
  });

  it.each([
    ['broken YAML', 'tiers: [unclosed', /^The candidate is not valid YAML: /],
    ['a list', '- tiers\n', /^The candidate must be a map of scoring settings/],
    [
      'a plain value',
      '42\n',
      /^The candidate must be a map of scoring settings/,
    ],
  ])('explains %s', (_, text, message) => {
    const result = parseCandidate(text);
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('candidateText', () => {
  it('writes a block the editor reads back unchanged', () => {
    const block = {
      dimensions: {
        activity: { weight: 30, breakpoints: [{ raw: 0, value: 0 }] },
      },
      tiers: [{ name: 'Thriving', min: 70, color: '#2e7d32' }],
    };
    expect(parseCandidate(candidateText(block))).toEqual({ block });
  });
});
