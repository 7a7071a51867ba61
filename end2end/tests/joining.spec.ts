// Joining the community as people do it: an invitation link from the staff, the sign-up form,
// the profile, signing out and in again. Public sign-up by phase is in phase.spec.ts.
import { expect, expectAccessible, invitationLink, newPage, signIn, test, visit } from './support';

// These tests share the staff accounts: one at a time.
test.describe.configure({ mode: 'serial' });

test('invitation → sign-up → profile → sign-out → sign-in', async ({ page, browser, baseURL }) => {
  const unique = Date.now().toString(36);
  const username = `sara.${unique}`;
  const password = 'fiori di campo a maggio';

  // Staff create an invitation for a member of an organisation and get the link.
  await signIn(page, 'giulia.ferri');
  await visit(page, '/inviti');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inviti');
  await expectAccessible(page);
  await page.getByLabel('Ruolo').selectOption('member');
  await page.getByLabel('Organizzazione', { exact: true }).selectOption({ label: 'Cooperativa sociale Il Ponte' });
  await page.getByRole('button', { name: 'Crea l’invito' }).click();
  const link = await page.locator('.invitation-link').getAttribute('href');
  expect(link).toMatch(/^\/registrati\?invito=[0-9a-f]{64}$/);
  // Other tests invite people at the same time: look at Giulia's invitation.
  const mine = page.locator('tbody tr').filter({ hasText: 'Giulia Ferri' }).first();
  await expect(mine).toContainText('In attesa');
  await expectAccessible(page);

  // The invited person, in their own browser, signs up through the link.
  const guest = await newPage(browser, baseURL);
  await visit(guest, link!);
  await expect(guest.locator('.lead')).toContainText(
    'Giulia Ferri ti ha invitato a unirti a Pratica come Membro per Cooperativa sociale Il Ponte',
  );
  await expectAccessible(guest);
  await guest.getByLabel('Nome e cognome').fill('Sara Galli');
  await guest.getByLabel('Nome utente').fill(username);
  await guest.getByLabel('Indirizzo e-mail').fill(`${username}@example.org`);
  await guest.getByLabel('Nuova password', { exact: true }).fill(password);
  await guest.getByLabel('Ripeti la nuova password').fill(password);
  await guest.getByRole('button', { name: 'Crea l’account' }).click();

  await expect(guest).toHaveURL(/\/profilo\?benvenuto=1$/);
  await expect(guest.getByRole('status')).toContainText('Benvenuto/a in Pratica!');
  await expect(guest.locator('.viewer-name')).toHaveText('Sara Galli');
  await expect(guest.locator('main')).toContainText('Cooperativa sociale Il Ponte · Membro');
  await expect(guest.locator('main')).toContainText('non ancora verificata');
  await expectAccessible(guest);

  await guest.getByRole('button', { name: 'Esci' }).click();
  await expect(guest.locator('.viewer-name')).toHaveCount(0);
  await signIn(guest, username, password);
  await expect(guest.locator('.viewer-name')).toHaveText('Sara Galli');

  // The link worked once; the staff see it used.
  await guest.getByRole('button', { name: 'Esci' }).click();
  await visit(guest, link!);
  await expect(guest.getByRole('alert')).toContainText('Questo invito non è valido');
  await page.reload();
  await expect(mine).toContainText('Usato (Sara Galli)');
  await guest.context().close();
});

test('a refused sign-up keeps what was typed and says why', async ({ page, browser, baseURL }) => {
  // An organisation's referent invites a member of it.
  const link = await invitationLink(browser, baseURL);

  await visit(page, link);
  await page.getByLabel('Nome e cognome').fill('Lia Moro');
  await page.getByLabel('Nome utente').fill('anna.rossi');
  await page.getByLabel('Indirizzo e-mail').fill('lia.moro@example.org');
  await page.getByLabel('Nuova password', { exact: true }).fill('tramonto sul mare di Genova');
  await page.getByLabel('Ripeti la nuova password').fill('tramonto sul mare di Genova');
  await page.getByRole('button', { name: 'Crea l’account' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nome utente: Questo valore è già in uso.');
  await expect(page.getByLabel('Nome e cognome')).toHaveValue('Lia Moro');
  await expect(page.getByLabel('Indirizzo e-mail')).toHaveValue('lia.moro@example.org');
  await expect(page.getByLabel('Nuova password', { exact: true })).toHaveValue('');
  await expectAccessible(page);
});
