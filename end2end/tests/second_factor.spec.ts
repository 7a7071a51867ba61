// Two-step verification as a person meets it: turning it on from the profile with an app's code,
// signing in with a code, and with a recovery code when the phone is not at hand.
import { enterCode, expect, expectAccessible, signUpInvited, test, totp, visit } from './support';

test('a member turns on two-step verification and signs in with a code, then a recovery code', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // A new member, invited by their organisation's referent.
  const password = 'nuvole basse sulla pianura';
  const username = await signUpInvited(page, browser, baseURL, 'Elena Sarti', password);

  // Turning it on: the key (and QR code), the recovery codes, a first code from the app.
  // First the password again: whoever holds only the session cookie sees no key.
  await page.getByRole('link', { name: 'Verifica in due passaggi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verifica in due passaggi');
  await expect(page.locator('.qr svg')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Password attuale').fill('non è questa');
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('non è corretta');
  await page.getByLabel('Password attuale').fill(password);
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  await expect(page.locator('.qr svg')).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.locator('.totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const recovery = await page.locator('.recovery-codes code').allTextContents();
  expect(recovery).toHaveLength(10);
  await enterCode(page, secret);
  await expect(page.getByRole('status')).toContainText('Verifica in due passaggi attivata');
  await expect(page.locator('main')).toContainText('Codici di recupero ancora validi: 10.');
  await expectAccessible(page);

  // Signing in now asks for the code after the password.
  await page.getByRole('button', { name: 'Esci' }).click();
  await visit(page, '/accedi');
  await page.getByLabel('Nome utente o e-mail').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page).toHaveURL(/\/accedi\/codice$/);
  await expectAccessible(page);
  await page.getByLabel('Codice').fill('000000');
  await page.getByRole('button', { name: 'Verifica e accedi' }).click();
  await expect(page.getByRole('alert')).toContainText('Il codice non è corretto');
  await enterCode(page, secret);
  await expect(page.locator('.viewer-name')).toHaveText('Elena Sarti');

  // Without the phone: a recovery code, once.
  await page.getByRole('button', { name: 'Esci' }).click();
  await visit(page, '/accedi');
  await page.getByLabel('Nome utente o e-mail').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByLabel('Codice').fill(recovery[0]);
  await page.getByRole('button', { name: 'Verifica e accedi' }).click();
  await expect(page.locator('.viewer-name')).toHaveText('Elena Sarti');
  await visit(page, '/profilo/due-fattori');
  await expect(page.locator('main')).toContainText('Codici di recupero ancora validi: 9.');
  expect(totp(secret)).toMatch(/^\d{6}$/);
});
