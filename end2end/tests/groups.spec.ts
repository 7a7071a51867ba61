// Working groups as people meet them: a secret group does not exist for outsiders; an open group
// is joined at once; a closed one is asked for and approved by its admin.
import { expect, expectAccessible, newPage, signIn, test, visit } from './support';

test('a secret group’s page and members are a 404 to a non-member', async ({ page, browser, baseURL }) => {
  await signIn(page, 'marco.bellini');
  await visit(page, '/gruppi');
  await expect(page.locator('.group-list')).toContainText('Coprogettazione art. 55');
  await expect(page.locator('main')).not.toContainText('Cabina di regia');
  const response = await visit(page, '/gruppi/cabina-di-regia');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina non trovata');
  await expect(page.locator('main')).not.toContainText('Cabina di regia');
  await expect(page.locator('main')).not.toContainText('Anna Rossi');

  const member = await newPage(browser, baseURL);
  await signIn(member, 'anna.rossi');
  const ok = await visit(member, '/gruppi/cabina-di-regia');
  expect(ok?.status()).toBe(200);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('Cabina di regia');
  await expect(member.locator('.people')).toContainText('Giulia Ferri');
  await expect(member.locator('.people')).toContainText('Anna Rossi');
  await member.context().close();
});

test('an open group is joined at once, a closed one after its admin approves', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'marco.bellini');
  await visit(page, '/gruppi/coprogettazione-art-55');
  await page.getByRole('button', { name: 'Entra nel gruppo' }).click();
  await expect(page.locator('main .meta')).toContainText('Ne fai parte');
  await expect(page.locator('.people')).toContainText('Marco Bellini');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Esci dal gruppo' }).click();
  await expect(page.getByRole('button', { name: 'Entra nel gruppo' })).toBeVisible();

  // The administrator, who is not in the closed group either, asks to join it.
  const requester = await newPage(browser, baseURL);
  await signIn(requester, 'admin');
  await visit(requester, '/gruppi/valutazione-di-impatto');
  await requester.getByRole('button', { name: 'Chiedi di entrare' }).click();
  await expect(requester.locator('main .meta')).toContainText('Richiesta inviata');

  // Marco administers the closed group: the request waits for him.
  await visit(page, '/gruppi/valutazione-di-impatto');
  await expect(page.getByRole('heading', { name: 'Gestione del gruppo' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Accetta' }).click();
  await expect(page.locator('.people').first()).toContainText('Amministrazione Pratica');

  await requester.reload();
  await expect(requester.locator('main .meta')).toContainText('Ne fai parte');
  await requester.context().close();
});
