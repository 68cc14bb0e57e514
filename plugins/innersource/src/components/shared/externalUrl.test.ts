import { externalUrl } from './externalUrl';

describe('externalUrl', () => {
  it.each([
    [
      'https://github.com/acme/portal/issues/1',
      'https://github.com/acme/portal/issues/1',
    ],
    ['http://git.acme.example/x', 'http://git.acme.example/x'],
    // eslint-disable-next-line no-script-url -- the URL this guard refuses
    ['javascript:alert(1)', undefined],
    // eslint-disable-next-line no-script-url -- in any case
    ['JavaScript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript:msgbox', undefined],
    ['//evil.example/x', undefined],
    ['/relative/path', undefined],
    ['not a url', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%p → %p', (url, expected) => {
    expect(externalUrl(url)).toBe(expected);
  });
});
