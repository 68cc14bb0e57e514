/**
 * The URL when a browser may open it as an outside link: http or https only.
 * Task URLs come from repositories and forges; `javascript:` or a string that
 * is no URL at all must not become a link, nor break the list it is in.
 */
export function externalUrl(
  url: string | undefined | null,
): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? parsed.toString()
      : undefined;
  } catch {
    return undefined;
  }
}
