import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Accessibility problems axe finds in the parts of the page given. */
export async function axeViolations(page: Page, ...selectors: string[]) {
  let builder = new AxeBuilder({ page });
  for (const selector of selectors) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  return violations.map(
    v =>
      `${v.id}: ${v.help} at ${v.nodes
        .map(n => n.target.join(' '))
        .join(', ')}`,
  );
}
