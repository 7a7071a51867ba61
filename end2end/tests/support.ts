// Shared helpers: every page a test visits is checked with axe (WCAG 2.1 A and AA).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type Response } from '@playwright/test';

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
