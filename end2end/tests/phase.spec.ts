// Public sign-up closed in phase 1 and open in phase 3. Changing the phase changes it for every
// page, so this file runs in the "fase" project against a server of its own (playwright.config.ts).
import { expect, expectAccessible, newPage, signIn, test, visit } from './support';

test('phase 1 refuses public sign-up, phase 3 allows it', async ({ page, browser, baseURL }) => {
  await visit(page, '/registrati');
  await expect(page.locator('main')).toContainText('solo su invito');
  await expect(page.getByLabel('Nome utente')).toHaveCount(0);
  await expectAccessible(page);

  const admin = await newPage(browser, baseURL);
  await signIn(admin, 'admin');
  await visit(admin, '/staff');
  await expectAccessible(admin);
  const setPhase = async (label: RegExp) => {
    await admin.getByLabel(label).check();
    await admin.getByRole('button', { name: 'Cambia fase' }).click();
    await expect(admin.getByRole('status')).toHaveText('Fase cambiata.');
  };
  try {
    await setPhase(/^3 · aperta/);
    await expect(admin.locator('table')).toContainText('community.phase');

    const unique = Date.now().toString(36);
    await page.reload();
    await page.getByLabel('Nome e cognome').fill('Piero Conti');
    await page.getByLabel('Nome utente').fill(`piero.${unique}`);
    await page.getByLabel('Indirizzo e-mail').fill(`piero.${unique}@example.org`);
    await page.getByLabel('Nuova password', { exact: true }).fill('una casa sul lago di Como');
    await page.getByLabel('Ripeti la nuova password').fill('una casa sul lago di Como');
    await page.getByRole('button', { name: 'Crea l’account' }).click();
    // The same answer whether or not the address has an account: the mail says which.
    await expect(page).toHaveURL(/\/registrati\?inviata=1$/);
    await expect(page.getByRole('status')).toContainText('Ti abbiamo scritto');
    await expectAccessible(page);
  } finally {
    await setPhase(/^1 · chiusa/);
  }
  await admin.context().close();
});
