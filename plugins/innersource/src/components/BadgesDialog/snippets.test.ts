import { badgeSnippets } from './snippets';

describe('badgeSnippets', () => {
  const url =
    'https://backstage.acme.example/api/innersource/badges/t/abc/score.svg';

  it('writes Markdown, HTML and the URL of a linked badge', () => {
    expect(
      badgeSnippets(
        url,
        'InnerSource score',
        'https://github.com/acme/portal/contribute',
      ),
    ).toEqual({
      markdown: `[![InnerSource score](${url})](https://github.com/acme/portal/contribute)`,
      html: `<a href="https://github.com/acme/portal/contribute"><img src="${url}" alt="InnerSource score"></a>`,
      url,
    });
  });

  it('leaves the link out when there is none', () => {
    expect(badgeSnippets(url, 'Tier').markdown).toBe(`![Tier](${url})`);
    expect(badgeSnippets(url, 'Tier').html).toBe(
      `<img src="${url}" alt="Tier">`,
    );
  });

  it('keeps text that would break out of Markdown or HTML in its place', () => {
    const snippets = badgeSnippets(
      'https://x.example/a b(c).svg',
      'a] "<b>"',
      'https://x.example/docs?a="1"&b=(2)',
    );
    expect(snippets.markdown).toBe(
      '[![a\\] "<b>"](https://x.example/a%20b%28c%29.svg)](https://x.example/docs?a="1"&b=%282%29)',
    );
    expect(snippets.html).toBe(
      '<a href="https://x.example/docs?a=&quot;1&quot;&amp;b=(2)"><img src="https://x.example/a b(c).svg" alt="a] &quot;&lt;b&gt;&quot;"></a>',
    );
  });
});
