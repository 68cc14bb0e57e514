/** The ways to embed a badge, each as text to copy. */
export interface BadgeSnippets {
  markdown: string;
  html: string;
  url: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );

// Markdown link text and URLs: brackets and parentheses would end them early.
const escapeMarkdownText = (text: string) =>
  text.replace(/[[\]\\]/g, c => `\\${c}`);
const PARENTHESES: Record<string, string> = { '(': '%28', ')': '%29' };
const escapeMarkdownUrl = (url: string) =>
  url.replace(/[()\s]/g, c => PARENTHESES[c] ?? encodeURIComponent(c));

/** Markdown, HTML and the bare URL of a badge image, linked to `link` when there is one. */
export function badgeSnippets(
  imageUrl: string,
  alt: string,
  link?: string,
): BadgeSnippets {
  const image = `![${escapeMarkdownText(alt)}](${escapeMarkdownUrl(imageUrl)})`;
  const img = `<img src="${escapeHtml(imageUrl)}" alt="${escapeHtml(alt)}">`;
  return {
    markdown: link ? `[${image}](${escapeMarkdownUrl(link)})` : image,
    html: link ? `<a href="${escapeHtml(link)}">${img}</a>` : img,
    url: imageUrl,
  };
}
