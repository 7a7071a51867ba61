// Shared helpers: every page a test visits is checked with axe (WCAG 2.1 A and AA).
import AxeBuilder from '@axe-core/playwright';
import { createHmac } from 'node:crypto';
import { test as base, expect, type Browser, type Page, type Response } from '@playwright/test';

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
  await settle(page);
  await expectAccessible(page);
  return response;
}

/**
 * Waits for a page's islands. A page with a live stream (a thread, a poll) never goes
 * network-idle: wait instead for every stream to report itself open.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  if ((await page.locator('[data-live]').count()) > 0) {
    await expect(page.locator('[data-live="closed"]')).toHaveCount(0);
  } else {
    await page.waitForLoadState('networkidle');
  }
}

/**
 * Opens a thread page: its live stream keeps a connection open (so "network idle" never comes);
 * wait instead for the island to report the stream open, then check the page with axe.
 */
export async function visitThread(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url);
  await page.waitForLoadState('load');
  if (response?.status() === 200) {
    await expect(page.locator('.live-status[data-live="open"]')).toHaveCount(1);
  }
  await expectAccessible(page);
  return response;
}

/** A page in a browser context of its own: another person, or the same one on another device. */
export async function newPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  return context.newPage();
}

/** An invitation link to Anna's organisation (Anna is a referent), made in a browser of her own. */
export async function invitationLink(browser: Browser, baseURL: string | undefined): Promise<string> {
  const referent = await newPage(browser, baseURL);
  await signIn(referent, 'anna.rossi');
  await visit(referent, '/inviti');
  await referent.getByRole('button', { name: 'Crea l’invito' }).click();
  const link = await referent.locator('.invitation-link').getAttribute('href');
  await referent.context().close();
  return link!;
}

/**
 * A new member of their own, for a test that changes what a shared demo account would need
 * elsewhere: Anna (a referent) creates an invitation link, and `page` signs up through it (and
 * is signed in). Returns the username.
 */
export async function signUpInvited(
  page: Page,
  browser: Browser,
  baseURL: string | undefined,
  displayName: string,
  password: string,
): Promise<string> {
  const link = await invitationLink(browser, baseURL);
  const username = `${displayName.split(' ')[0].toLowerCase()}.${Date.now().toString(36)}`;
  await visit(page, link);
  await page.getByLabel('Nome e cognome').fill(displayName);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Indirizzo e-mail').fill(`${username}@example.org`);
  await page.getByLabel('Nuova password', { exact: true }).fill(password);
  await page.getByLabel('Ripeti la nuova password').fill(password);
  await page.getByRole('button', { name: 'Crea l’account' }).click();
  await expect(page).toHaveURL(/\/profilo\?benvenuto=1$/);
  return username;
}

/** The demo's password and the staff and admin TOTP key (set in playwright.config.ts). */
export const DEMO_PASSWORD = 'password-demo-e2e';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 key at a time in seconds. */
export function totp(secret: string, at: number = Date.now() / 1000): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[19] & 0xf;
  const number =
    (((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]) %
    1_000_000;
  return number.toString().padStart(6, '0');
}

/**
 * Types the code on the second-factor page: the current one, or the next one when the current
 * one was just used (a code is accepted once). When both were used by sign-ins running in
 * parallel, waits for the next 30-second step, whose following code is then unused.
 */
export async function enterCode(page: Page, secret: string): Promise<void> {
  const attempt = async (at: number): Promise<boolean> => {
    await page.locator('#code').fill(totp(secret, at));
    await page.getByRole('button', { name: /Verifica e accedi|Attiva|Usa questi codici/ }).click();
    await page.waitForLoadState('load');
    return !(await page.getByText('Il codice non è corretto').isVisible());
  };
  const now = Date.now() / 1000;
  if ((await attempt(now)) || (await attempt(now + 30))) return;
  const nextStep = (Math.floor(now / 30) + 1) * 30;
  await page.waitForTimeout(Math.max(0, (nextStep - Date.now() / 1000) * 1000) + 500);
  if (await attempt(nextStep + 30)) return;
  throw new Error('the code was refused three times');
}

/** Signs in through the form; staff and admins go on to the code. */
export async function signIn(page: Page, login: string, password: string = DEMO_PASSWORD): Promise<void> {
  await visit(page, '/accedi');
  await page.getByLabel('Nome utente o e-mail').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.waitForLoadState('load');
  if (new URL(page.url()).pathname === '/accedi/codice') {
    await expectAccessible(page);
    await enterCode(page, DEMO_TOTP_SECRET);
  }
  await expect(page.locator('.viewer-name')).toBeVisible();
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
        // A 404 (or 403) page is expected to log its own status.
        if (message.type() === 'error' && !/status of 40[34]/.test(message.text())) {
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
