import { isMeaningfulText, MEANINGFUL_TEXT_LENGTH } from './description';

describe('isMeaningfulText', () => {
  const exactly = (n: number) => 'x'.repeat(n);

  it.each<[string, string | null | undefined, boolean]>([
    ['no text', undefined, false],
    ['a null text', null, false],
    ['an empty text', '', false],
    ['30 characters', exactly(30), false],
    ['31 characters', exactly(31), true],
    ['30 characters padded with spaces', `  ${exactly(30)}\n\t `, false],
    ['31 characters padded with spaces', `  ${exactly(31)}  `, true],
    ['only white space', ' '.repeat(40), false],
    ['a real description', 'Payments API: cards, refunds and payouts', true],
  ])('%s: %p says enough: %p', (_case, text, expected) => {
    expect(isMeaningfulText(text)).toBe(expected);
  });

  it('draws the line at 30 characters', () => {
    expect(MEANINGFUL_TEXT_LENGTH).toBe(30);
  });
});
