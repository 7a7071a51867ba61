// Signing in and out, as a person does it: with the keyboard only, with mistakes, from a page.
import { expect, expectAccessible, signUpInvited, test, visit } from './support';

const PASSWORD = 'password-demo-e2e'; // PRATICA_DEMO_PASSWORD in playwright.config.ts

test('keyboard only: sign in, see one’s name, sign out', async ({ page }) => {
  await visit(page, '/accedi');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === 'login') break;
  }
  await expect(page.locator('#login')).toBeFocused();
  await page.keyboard.type('anna.rossi');
  await page.keyboard.press('Tab');
  await expect(page.locator('#password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.viewer-name')).toHaveText('Anna Rossi');
  await expectAccessible(page);

  const signOut = page.getByRole('button', { name: 'Esci' });
  await signOut.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Accedi' })).toBeVisible();
  await expect(page.locator('.viewer-name')).toHaveCount(0);
});

test('a wrong password shows a clear message and the form again', async ({ page }) => {
  await visit(page, '/accedi');
  await page.getByLabel('Nome utente o e-mail').fill('anna.rossi');
  await page.getByLabel('Password').fill('non è questa');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('alert')).toContainText('Nome utente, e-mail o password non corretti.');
  await expect(page.getByLabel('Nome utente o e-mail')).toBeVisible();
  await expectAccessible(page);
});

test('signing in from a page brings the person back to it', async ({ page }) => {
  await visit(page, '/wiki');
  await page.getByRole('link', { name: 'Accedi' }).click();
  await expect(page).toHaveURL(/\/accedi\?next=\/wiki$/);
  await page.getByLabel('Nome utente o e-mail').fill('marco.bellini@pianura.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page).toHaveURL(/\/wiki$/);
  await expect(page.locator('.viewer-name')).toHaveText('Marco Bellini');
  await expectAccessible(page);
});

test('a forgotten password: the form answers the same for any address', async ({ page }) => {
  await visit(page, '/accedi');
  await page.getByRole('link', { name: 'Password dimenticata?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Password dimenticata');
  await page.getByLabel('Indirizzo e-mail').fill('nessuno@example.org');
  await page.getByRole('button', { name: 'Invia il link' }).click();
  await expect(page.getByRole('status')).toContainText('ti abbiamo inviato un link');
  await expectAccessible(page);
});

test('a wrong or used reset link says so on the form', async ({ page }) => {
  await visit(page, '/accedi/nuova-password?token=' + '0'.repeat(64));
  await page.getByLabel('Nuova password', { exact: true }).fill('tre gatti sul tetto');
  await page.getByLabel('Ripeti la nuova password').fill('tre gatti sul tetto');
  await page.getByRole('button', { name: 'Salva la password' }).click();
  await expect(page.getByRole('alert')).toContainText('Il link non è valido');
  await expectAccessible(page);
});

test('a person ends a session opened in another browser from the security page', async ({ page, browser, baseURL }) => {
  // A person of their own: ending "all other sessions" of a shared demo account would sign out
  // the tests that use it at the same time.
  const password = 'sessioni aperte in due posti';
  const username = await signUpInvited(page, browser, baseURL, 'Bruno Sala', password);
  await expect(page.locator('.viewer-name')).toHaveText('Bruno Sala');

  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto('/accedi');
  await otherPage.getByLabel('Nome utente o e-mail').fill(username);
  await otherPage.getByLabel('Password').fill(password);
  await otherPage.getByRole('button', { name: 'Accedi' }).click();
  await expect(otherPage.locator('.viewer-name')).toHaveText('Bruno Sala');
  await page.getByRole('link', { name: 'Bruno Sala' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il tuo profilo');
  await page.getByRole('link', { name: /^Sicurezza dell’account/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sicurezza dell’account');
  await expectAccessible(page);
  // This session and the other browser's.
  await expect(page.locator('.session-list li')).toHaveCount(2);
  await expect(page.locator('.session-list li').filter({ hasText: 'Questa sessione' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Esci da tutte le altre sessioni' }).click();
  await expect(page.getByRole('status')).toHaveText('Sessioni chiuse.');
  await expect(page.locator('.session-list li')).toHaveCount(1);

  await otherPage.reload();
  await expect(otherPage.getByRole('link', { name: 'Accedi' })).toBeVisible();
  await other.close();
});
