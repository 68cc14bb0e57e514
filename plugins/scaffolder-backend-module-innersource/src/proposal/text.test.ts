import {
  inlineMarkdown,
  isGithubLabelName,
  isGithubLogin,
  isGithubTeamSlug,
  isGitlabLabelName,
  isGitlabNamespace,
  isGitlabPathSegment,
  singleLine,
} from './text';

describe('singleLine', () => {
  it.each([
    ['Payment gateway', 'Payment gateway'],
    ['two\nlines', 'two lines'],
    ['carriage\r\n* @evil/team', 'carriage * @evil/team'],
    ['unicode\u2028separator\u2029too', 'unicode separator too'],
    ['tab\tand\u0000nul', 'tab and nul'],
    ['  padded   spaces  ', 'padded spaces'],
  ])('%j becomes %j', (input, expected) => {
    expect(singleLine(input)).toBe(expected);
  });

  it('cuts long values with an ellipsis', () => {
    expect(singleLine('abcdefghij', 5)).toBe('abcd…');
  });
});

describe('inlineMarkdown', () => {
  it.each([
    ['Payment gateway', 'Payment gateway'],
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil.example\\)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
    [
      'a | table ~~strike~~ # h &amp;',
      'a \\| table \\~\\~strike\\~\\~ \\# h \\&amp;',
    ],
    ['line\n# heading', 'line \\# heading'],
  ])('%j is shown as %j', (input, expected) => {
    expect(inlineMarkdown(input)).toBe(expected);
  });
});

describe('GitHub names', () => {
  it.each([
    ['acme', true],
    ['acme-corp', true],
    ['-acme', false],
    ['acme--corp', false],
    ['acme corp', false],
    ['a'.repeat(39), true],
    ['a'.repeat(40), false],
  ])('login %j valid: %s', (value, valid) => {
    expect(isGithubLogin(value)).toBe(valid);
  });

  it.each([
    ['payments-team', true],
    ['payments_team', true],
    ['Payments', false],
    ['team\n* @evil', false],
    ['team name', false],
    ['', false],
  ])('team slug %j valid: %s', (value, valid) => {
    expect(isGithubTeamSlug(value)).toBe(valid);
  });

  it.each([
    ['help wanted', true],
    ['good first issue', true],
    ['two\nlines', false],
    ['x'.repeat(51), false],
    ['', false],
  ])('label %j valid: %s', (value, valid) => {
    expect(isGithubLabelName(value)).toBe(valid);
  });
});

describe('GitLab names', () => {
  it.each([
    ['payments', true],
    ['payments-team', true],
    ['payments_team', true],
    ['Payments.Team', true],
    ['_private', true],
    ['team2', true],
    ['-payments', false],
    ['payments-', false],
    ['payments.', false],
    ['pay--ments', false],
    ['pay.-ments', false],
    ['payments.git', false],
    ['payments.atom', false],
    ['pay ments', false],
    ['team\n* @evil', false],
    ['a/b', false],
    ['', false],
    ['a'.repeat(255), true],
    ['a'.repeat(256), false],
  ])('path segment %j valid: %s', (value, valid) => {
    expect(isGitlabPathSegment(value)).toBe(valid);
  });

  it.each([
    ['acme', true],
    ['acme/finance', true],
    ['acme/finance/emea', true],
    ['acme//finance', false],
    ['/acme', false],
    ['acme/', false],
    ['acme/fin ance', false],
    ['', false],
  ])('namespace %j valid: %s', (value, valid) => {
    expect(isGitlabNamespace(value)).toBe(valid);
  });

  it.each([
    ['help wanted', true],
    ['scope::value', true],
    ['x'.repeat(255), true],
    ['x'.repeat(256), false],
    ['two\nlines', false],
    [' padded', false],
    ['', false],
  ])('label %j valid: %s', (value, valid) => {
    expect(isGitlabLabelName(value)).toBe(valid);
  });
});
