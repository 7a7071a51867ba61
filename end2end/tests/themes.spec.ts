// Themes are co-generated: a member proposes one, staff approve it, it gets its forum category,
// and people follow it.
import { expect, expectAccessible, newPage, signIn, test, visit } from './support';

test('a proposed theme is approved by staff, gets its category and can be followed', async ({
  page,
  browser,
  baseURL,
}) => {
  const name = `Abitare sociale ${Date.now() % 100000}`;
  await signIn(page, 'anna.rossi');
  await visit(page, '/temi');
  await page.getByLabel('Nome del tema').fill(name);
  await page.getByLabel('Descrizione').fill('Casa, inclusione e housing first.');
  await page.getByRole('button', { name: 'Invia la proposta' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByRole('status')).toHaveText(
    'Grazie: la proposta è arrivata allo staff, che deciderà a breve.',
  );
  await expect(page.locator('.card', { hasText: name })).toContainText('In attesa');
  await expectAccessible(page);

  const staff = await newPage(browser, baseURL);
  await signIn(staff, 'admin');
  await visit(staff, '/temi');
  await staff.locator('.card', { hasText: name }).getByRole('button', { name: 'Approva' }).click();
  await staff.waitForLoadState('load');
  await expect(staff.locator('.theme-list h2', { hasText: name })).toHaveCount(1);

  await visit(page, '/temi');
  const card = page.locator('.card', { has: page.locator('h2', { hasText: name }) });
  await card.getByRole('button', { name: `Segui il tema: ${name}` }).click();
  await page.waitForLoadState('load');
  await expect(
    page
      .locator('.card', { has: page.locator('h2', { hasText: name }) })
      .getByRole('button', { name: `Non seguire più: ${name}` }),
  ).toHaveAttribute('aria-pressed', 'true');
  await page.locator('.card h2 a', { hasText: name }).click();
  await page.waitForLoadState('load');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expectAccessible(page);
  await visit(page, '/forum');
  await expect(page.locator('.category-list')).toContainText(name);
  await staff.context().close();
});
