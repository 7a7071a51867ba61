// The network directory ("Rete") as people meet it: filters, an organisation's page that its
// referent edits, a profile with a photo that others see as its owner allows, and the people
// section of the staff console.
import { expect, expectAccessible, newPage, signIn, test, visit } from './support';

// A 1×1 PNG.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('the directory filters, and a referent edits their organisation', async ({ page }) => {
  await signIn(page, 'anna.rossi');
  await visit(page, '/rete');
  await expect(page.getByRole('heading', { name: 'Organizzazioni (5)' })).toBeVisible();
  await page.getByLabel('Tipo di organizzazione').selectOption({ label: 'Terzo settore' });
  await page.getByRole('button', { name: 'Filtra' }).click();
  await expect(page).toHaveURL(/tipo=third_sector/);
  await expect(page.getByRole('heading', { name: 'Organizzazioni (2)' })).toBeVisible();
  await expect(page.locator('.directory').first()).toContainText('Cooperativa sociale Il Ponte');
  await expect(page.locator('.directory').first()).not.toContainText('Comune di Castelmonte');
  // Luca keeps his contacts for staff and referents.
  await expect(page.locator('.directory').nth(1)).toContainText('Luca Esposito');
  await expect(page.locator('.directory').nth(1)).toContainText('Contatti visibili solo');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Togli i filtri' }).click();
  // The organisation's card (Anna's own card links it too).
  await page.locator('.directory').first().getByRole('link', { name: 'Comune di Castelmonte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comune di Castelmonte');
  await expect(page.getByRole('heading', { name: 'Gestione dell’organizzazione' })).toBeVisible();
  await expectAccessible(page);

  // A wrong tax code: a clear message, and what was typed is still there.
  const description = 'Capofila dell’ambito: prova end-to-end.';
  await page.getByLabel('Presentazione').fill(description);
  await page.getByLabel('Codice fiscale').fill('123');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('alert')).toContainText('Codice fiscale: Il valore inserito non è valido.');
  await expect(page.getByLabel('Presentazione')).toHaveValue(description);
  await expectAccessible(page);

  await page.getByLabel('Codice fiscale').fill('00123450529');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('status')).toHaveText('Modifiche salvate.');
  await expect(page.locator('main')).toContainText(description);
});

test('a profile with a photo, seen by others as its owner allows', async ({ page, browser, baseURL }) => {
  await signIn(page, 'marco.bellini');
  await visit(page, '/profilo');
  const bio = 'Valuto gli esiti dei servizi coprogettati (prova end-to-end).';
  await page.getByLabel('Presentazione breve').fill(bio);
  await page.getByLabel('Tutte le persone iscritte').check();
  await page.getByLabel('Strumenti di finanza d’impatto').check();
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByRole('status')).toHaveText('Profilo salvato.');
  await expect(page.getByLabel('Presentazione breve')).toHaveValue(bio);

  await page.getByLabel('Immagine').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PHOTO });
  await page.getByRole('button', { name: 'Carica' }).click();
  await expect(page.getByRole('status')).toHaveText('Foto aggiornata.');
  await expect(page.getByAltText('La tua foto')).toBeVisible();
  await expectAccessible(page);

  const other = await newPage(browser, baseURL);
  await signIn(other, 'anna.rossi');
  await visit(other, '/rete?q=bellini');
  const card = other.locator('.directory li', { hasText: 'Marco Bellini' });
  await expect(card).toContainText(bio);
  await expect(card).toContainText('marco.bellini@pianura.example');
  await expect(card.locator('img')).toHaveJSProperty('naturalWidth', 1);
  await other.context().close();
});

test('staff find people in the console', async ({ page }) => {
  await signIn(page, 'giulia.ferri');
  await visit(page, '/staff');
  await page.getByRole('link', { name: 'Persone' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Persone');
  await page.getByLabel('Cerca per nome, nome utente o e-mail').fill('rossi');
  await page.getByRole('button', { name: 'Filtra' }).click();
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('anna.rossi@castelmonte.example');
  await expect(rows).toContainText('Comune di Castelmonte');
  await expect(rows.getByRole('button', { name: /Disattiva/ })).toBeVisible();
  await expectAccessible(page);
});
