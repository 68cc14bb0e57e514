import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A reference that stays inside the document: `#id` or `url(#id)`. */
const LOCAL_REFERENCE = /^(#[\w-]*|url\(#[\w-]+\))$/;
const URL_FUNCTION = /url\(\s*(?!#)/i;

type Node = Record<string, unknown>;

/**
 * Why an SVG is not safe to embed, or an empty list: it must parse as XML,
 * have no script, foreignObject or event attribute, reference nothing outside
 * itself, and stay under `maxWidth` pixels wide.
 */
export function svgSafetyProblems(svg: string, maxWidth = 1000): string[] {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) return [`not XML: ${valid.err.msg}`];
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) return ['declares a DOCTYPE or entity'];
  const problems: string[] = [];
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    processEntities: false,
  }).parse(svg) as Node;

  const visit = (name: string, node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(child => visit(name, child));
      return;
    }
    const tag = name.toLocaleLowerCase('en-US');
    if (tag === 'script' || tag === 'foreignobject' || tag.endsWith(':script'))
      problems.push(`has a <${name}> element`);
    if (typeof node !== 'object' || node === null) {
      if (tag === 'style' && URL_FUNCTION.test(String(node)))
        problems.push('a style loads a URL');
      return;
    }
    for (const [key, value] of Object.entries(node as Node)) {
      if (key.startsWith('@')) {
        const attribute = key.slice(1).toLocaleLowerCase('en-US');
        const text = String(value);
        if (attribute.startsWith('on'))
          problems.push(`<${name}> has an event attribute ${attribute}`);
        if (
          (attribute === 'href' ||
            attribute.endsWith(':href') ||
            attribute === 'src') &&
          !LOCAL_REFERENCE.test(text)
        )
          problems.push(`<${name}> references ${text}`);
        // aria-label is text for screen readers, never loaded
        if (!attribute.startsWith('aria-') && URL_FUNCTION.test(text))
          problems.push(`<${name}> ${attribute} loads a URL`);
      } else if (key === '#text') {
        if (tag === 'style' && URL_FUNCTION.test(String(value)))
          problems.push('a style loads a URL');
      } else {
        visit(key, value);
      }
    }
  };
  for (const [key, value] of Object.entries(parsed)) {
    if (!key.startsWith('?')) visit(key, value);
  }

  const root = parsed.svg as Node | undefined;
  const width = Number(root?.['@width']);
  if (!root) problems.push('the root is not <svg>');
  else if (!(width > 0 && width <= maxWidth))
    problems.push(`is ${root['@width']} pixels wide`);
  return problems;
}
