// Shared helpers: every page a test visits is checked with axe (WCAG 2.1 A and AA).
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type Response } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Opens a page, waits for its islands to hydrate, and checks it with axe. */
export async function visit(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  return response;
}

export const THEME_NAMES = [
  'Impatto sociale e programmazione europea 2021–2027',
  'Misurazione e valutazione degli esiti',
  'Pagamento per risultati e contabilità pubblica',
  'Strumenti amministrativi per l’innovazione sociale',
  'Strumenti di finanza d’impatto',
];

/**
 * The test function to use: fails a test when the browser logged an error or a page threw,
 * which is how a blocked script (CSP), a failed hydration or a panic in an island shows up.
 */
export const test = base.extend<{ browserErrors: string[] }>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        // A 404 page is expected to log its own status.
        if (message.type() === 'error' && !/status of 404/.test(message.text())) {
          errors.push(message.text());
        }
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
