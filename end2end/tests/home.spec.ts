// The home page: themes from the database, readable without JavaScript, filterable after
// hydration, and filterable through the server when JavaScript is off.
import { THEME_NAMES, expect, expectAccessible, test, visit } from './support';

test('the home page lists the themes with JavaScript off', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Benvenuti nella comunità di pratica',
  );
  await expect(page.locator('.theme-list h3')).toHaveText(THEME_NAMES);
  await expect(page.getByRole('status')).toHaveText('Temi mostrati: 5 su 5');
  await context.close();
});

test('without JavaScript the filter form is answered by the server', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Filtra i temi').fill('VALUTAZIONE');
  await page.getByRole('button', { name: 'Filtra' }).click();
  await expect(page).toHaveURL(/\?q=VALUTAZIONE$/);
  await expect(page.locator('.theme-list h3')).toHaveText([
    'Misurazione e valutazione degli esiti',
  ]);
  await expect(page.getByLabel('Filtra i temi')).toHaveValue('VALUTAZIONE');
  await context.close();
});

test('after hydration the filter narrows the themes as one types', async ({ page }) => {
  await visit(page, '/');
  await expect(page.locator('form.filter')).toHaveAttribute('data-hydrated', 'true');
  const filter = page.getByLabel('Filtra i temi');

  // Accents and case do not matter: "contabilita" finds "contabilità".
  await filter.pressSequentially('contabilita');
  await expect(page.locator('.theme-list h3')).toHaveText([
    'Pagamento per risultati e contabilità pubblica',
  ]);
  await expect(page.getByRole('status')).toHaveText('Temi mostrati: 1 su 5');
  // No navigation happened: the island filtered in place.
  await expect(page).toHaveURL(/\/$/);

  await filter.fill('');
  await filter.pressSequentially('zzz');
  await expect(page.locator('.theme-list li')).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('Nessun tema corrisponde a «zzz».');
  await expectAccessible(page);

  await filter.fill('');
  await filter.press('Space');
  await filter.press('Backspace');
  await expect(page.locator('.theme-list h3')).toHaveText(THEME_NAMES);
});

test('the footer shows the community phase', async ({ page }) => {
  await visit(page, '/');
  await expect(page.locator('footer')).toContainText('Fase della comunità');
  // The demo starts closed; the test that opens it has a server of its own (phase.spec.ts).
  await expect(page.locator('footer .phase')).toHaveText(/^1 · chiusa/);
});

test('the page is usable at 360 pixels wide, with no sideways scrolling', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL });
  const page = await context.newPage();
  await visit(page, '/');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('navigation', { name: 'Navigazione principale' })).toBeVisible();
  await context.close();
});
