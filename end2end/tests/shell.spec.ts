// The frame around every page: languages, navigation, keyboard use, errors, headers, assets.
import { createHash } from 'node:crypto';
import { expect, expectAccessible, test, visit } from './support';

test('a person can switch to English and back, and the choice is remembered', async ({ page }) => {
  await visit(page, '/forum');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/forum$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Welcome to the community of practice',
  );
  await expect(page.getByRole('status')).toHaveText('Showing 5 of 5 themes');

  await page.getByRole('link', { name: 'Italiano' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Benvenuti nella comunità di pratica',
  );
});

test('a browser that prefers English gets English', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'en-GB', baseURL });
  const page = await context.newPage();
  await visit(page, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await context.close();
});

test('the navigation marks the current section', async ({ page }) => {
  for (const [path, name] of [
    ['/forum', 'Forum'],
    ['/domande', 'Domande'],
    ['/wiki', 'Wiki'],
    ['/agenda', 'Agenda'],
    ['/materiali', 'Materiali'],
  ]) {
    const response = await visit(page, path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.locator('a[aria-current="page"]')).toHaveText(name);
    await expect(page.locator('h1')).toHaveCount(1);
  }
  // In phase 1 the network directory is for people signed in: a visitor is sent to sign in.
  await visit(page, '/rete');
  await expect(page).toHaveURL(/\/accedi\?next=\/rete$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accedi');
});

test('keyboard: the first Tab reaches the skip link, which moves focus to the content', async ({ page }) => {
  await visit(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Vai al contenuto principale' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The next Tab lands inside the main content, not back in the header.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  expect(inMain).toBe(true);
});

test('an unknown address is a 404 page that helps and shows no internals', async ({ page }) => {
  const response = await visit(page, '/non-esiste/davvero');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina non trovata');
  await expect(page.getByRole('link', { name: 'Torna alla home' })).toBeVisible();
  const body = await page.locator('body').innerText();
  expect(body).not.toMatch(/panic|error:|stack|sqlx|sea_orm|\.rs:/i);
});

test('pages carry the security headers', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'/);
  expect(headers['cache-control']).toBe('private, no-cache');
});

test('static assets are precompressed and cached for a year; the stylesheet is in the page', async ({
  page,
  request,
}) => {
  await page.goto('/');
  // The stylesheet comes inside the page (no request before the first paint), allowed by the
  // page's nonce; the policy still refuses any other inline style.
  await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(0);
  await expect(page.locator('head style')).toHaveCount(1);
  const policy = (await request.get('/')).headers()['content-security-policy'];
  expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9_-]{16,}'/);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Titillium Web');
  // The WebAssembly is not preloaded (it would compete with the first paint); the page fetches
  // it when the browser is idle.
  await expect(page.locator('link[rel="modulepreload"], link[rel="preload"][as="fetch"]')).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm'))))
    .toBe(true);
  const pkg = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => /^\/pkg\/pratica\.[A-Za-z0-9_-]+\.(js|wasm)$/.test(path)),
  );
  expect(pkg).toHaveLength(2);
  for (const url of pkg) {
    const response = await request.get(url, { headers: { 'accept-encoding': 'br' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-encoding']).toBe('br');
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  // The regular font is preloaded; every font is named by its content so it is cached for a year.
  const preloaded = await page.locator('link[rel="preload"][as="font"]').evaluateAll((links) =>
    links.map((link) => link.getAttribute('href')!),
  );
  expect(preloaded).toHaveLength(1);
  const fonts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/fonts/')),
  );
  for (const url of new Set([...preloaded, ...fonts])) {
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const hash = createHash('sha256').update(await response.body()).digest('hex').slice(0, 10);
    expect(url).toContain(`.${hash}.woff2`);
  }
});

test('pages are compressed for browsers that accept it', async ({ request }) => {
  const page = await request.get('/accedi', { headers: { 'accept-encoding': 'br, gzip' } });
  expect(page.status()).toBe(200);
  expect(page.headers()['content-encoding']).toBe('br');
  expect(page.headers()['vary']).toContain('accept-encoding');
  expect(await page.text()).toContain('<h1');
  const plain = await request.get('/accedi', { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
});
