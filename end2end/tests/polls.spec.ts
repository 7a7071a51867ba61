// Polls as people use them: the featured poll on the home page; a vote in one browser updates
// another person's open page live, without a reload; voting works without JavaScript; a poll
// whose results show after voting keeps them hidden until then.
import { expect, expectAccessible, newPage, settle, signIn, test, visit } from './support';

const FEATURED = 'Quale tema approfondiamo nel prossimo seminario?';
const PER_ORGANISATION = 'La vostra organizzazione aderisce al protocollo d’intesa sulla coprogettazione?';

test('a vote in one browser updates the results open in another, live', async ({ page, browser, baseURL }) => {
  await signIn(page, 'anna.rossi');
  await visit(page, '/');
  const card = page.locator('.home-poll .poll');
  await expect(card.getByRole('heading', { name: FEATURED })).toBeVisible();
  await card.getByRole('link', { name: FEATURED }).click();
  await settle(page);
  const pollUrl = new URL(page.url()).pathname;
  const total = page.locator('.poll-total');
  const before = Number((await total.textContent())?.match(/\d+/)?.[0] ?? '0');
  await expect(page.locator('.poll-clock')).toContainText(/Chiude tra \d+ g \d\d:\d\d:\d\d/);

  const other = await newPage(browser, baseURL);
  await signIn(other, 'marco.bellini');
  await visit(other, pollUrl);
  // Marco voted in the demo: he changes his vote to the third option.
  await other.getByLabel('Welfare di comunità nei piccoli comuni').check();
  await other.getByRole('button', { name: 'Cambia il voto' }).click();
  await settle(other);
  await expect(other.getByText('Il tuo voto è stato registrato.')).toBeVisible();

  // Anna's page did not reload: the third option's count goes up within a second or two.
  const third = page.locator('.poll-bars li').nth(2).locator('.poll-n');
  await expect(third).toHaveText('1', { timeout: 5_000 });
  await expect(total).toHaveText(`${before} votanti`);

  // Luca moves his vote from the first option to the second: both bars follow.
  const luca = await newPage(browser, baseURL);
  await signIn(luca, 'luca.esposito');
  await visit(luca, pollUrl);
  await luca.getByLabel('Valutazione d’impatto sociale').check();
  await luca.getByRole('button', { name: 'Cambia il voto' }).click();
  await settle(luca);
  await expect(page.locator('.poll-bars li').nth(1).locator('.poll-n')).toHaveText('1', { timeout: 5_000 });
  await expect(page.locator('.poll-bars li').nth(0).locator('.poll-n')).toHaveText('0');
  await expect(total).toHaveText(`${before} votanti`);
  await other.context().close();
  await luca.context().close();
});

test('voting works without JavaScript, and hidden results appear after voting', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'it-IT', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/accedi');
  await page.getByLabel('Nome utente o e-mail').fill('anna.rossi');
  await page.getByLabel('Password', { exact: true }).fill('password-demo-e2e');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.goto('/sondaggi');
  await expect(page.locator('.card', { hasText: PER_ORGANISATION })).toContainText('Da votare');
  await page.getByRole('link', { name: PER_ORGANISATION }).click();
  const card = page.locator('.poll');
  await expect(card.getByText('I risultati si vedono dopo aver votato')).toBeVisible();
  await expect(card.locator('.poll-bars')).toBeHidden();
  await expect(card.getByText('Voti per: ')).toBeVisible();
  await card.getByLabel('Sì, aderiamo').check();
  await card.getByRole('button', { name: 'Vota' }).click();
  await expect(page.getByText('Il tuo voto è stato registrato.')).toBeVisible();
  const results = page.locator('.poll-bars');
  await expect(results).toBeVisible();
  await expect(results.locator('li').first().locator('.poll-n')).toHaveText('1');
  await expect(page.getByText('la tua scelta')).toBeVisible();
  await context.close();
});

test('a member who is not a referent sees why they cannot vote for their organisation', async ({ page }) => {
  await signIn(page, 'marco.bellini');
  await visit(page, '/sondaggi');
  await page.getByRole('link', { name: PER_ORGANISATION }).click();
  await settle(page);
  const card = page.locator('.poll');
  await expect(card.getByText('il voto lo esprime il suo referente')).toBeVisible();
  await expectAccessible(page);
  await expect(card.getByRole('button', { name: 'Vota' })).toHaveCount(0);
});
