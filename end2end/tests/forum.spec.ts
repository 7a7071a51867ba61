// The forum as people use it: a question asked, answered by an expert, voted, accepted and
// found among the solved questions; a post arriving live in another person's open page; a
// draft surviving a reload; staff closing a thread; a report handled by staff.
import { type Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, expectAccessible, newPage, signIn, test, visit, visitThread } from './support';

/** Waits for the thread page a form post landed on, live stream open. */
async function landed(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await expect(page.locator('.live-status[data-live="open"]')).toHaveCount(1);
}

function threadPath(page: Page): string {
  const url = new URL(page.url());
  return url.pathname;
}

test('a question is answered by an expert, voted, accepted and joins the solved questions', async ({
  page,
  browser,
  baseURL,
}) => {
  const title = `Quanto dura una coprogettazione? ${Date.now()}`;
  await signIn(page, 'anna.rossi');
  await visit(page, '/forum/nuovo?tipo=domanda');
  await page.getByLabel('Categoria').selectOption({ label: 'Strumenti amministrativi per l’innovazione sociale' });
  await page.getByLabel('Titolo').fill(title);
  await page.getByLabel('Testo').fill('Dalla pubblicazione dell’avviso alla **convenzione**: quanti mesi?');
  await page.getByRole('button', { name: 'Pubblica' }).click();
  await landed(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.post-body strong')).toHaveText('convenzione');
  const thread = threadPath(page);

  const expert = await newPage(browser, baseURL);
  await signIn(expert, 'marco.bellini');
  await visitThread(expert, thread);
  await expert.getByLabel('Testo').fill('Di solito **tra quattro e sei mesi**, istruttoria compresa.');
  await expert.getByRole('button', { name: 'Invia' }).click();
  await landed(expert);
  const answer = expert.locator('article.post', { hasText: 'tra quattro e sei mesi' });
  await expect(answer.locator('.badge.expert')).toHaveText('Risposta esperto');

  const voter = await newPage(browser, baseURL);
  await signIn(voter, 'luca.esposito');
  await visitThread(voter, thread);
  await voter
    .locator('article.post', { hasText: 'tra quattro e sei mesi' })
    .getByRole('button', { name: 'Vota a favore di questa risposta' })
    .click();
  await landed(voter);
  const voted = voter.locator('article.post', { hasText: 'tra quattro e sei mesi' });
  await expect(voted.locator('.score')).toHaveText('1 voto');
  await expect(voted.getByRole('button', { name: 'Vota a favore di questa risposta' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await visitThread(page, thread);
  await page
    .locator('article.post', { hasText: 'tra quattro e sei mesi' })
    .getByRole('button', { name: 'Accetta questa risposta' })
    .click();
  await landed(page);
  await expect(page.locator('article.post.accepted')).toContainText('tra quattro e sei mesi');
  await expect(page.locator('article.post.accepted .badge.solved')).toHaveText('Risposta accettata');
  await expectAccessible(page);

  await visit(page, '/domande/risolte');
  await expect(page.locator('.thread-list')).toContainText(title);
  await visit(page, '/domande?filtro=senza-risposta');
  await expect(page.locator('main')).not.toContainText(title);
  await expert.context().close();
  await voter.context().close();
});

test('a second person on the same thread sees a new post arrive without reloading', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'anna.rossi');
  await visit(page, '/forum');
  await page.getByRole('link', { name: 'Fondo rotativo per l’abitare sociale: esperienze a confronto' }).click();
  await landed(page);
  const thread = threadPath(page);

  const writer = await newPage(browser, baseURL);
  await signIn(writer, 'luca.esposito');
  await visitThread(writer, thread);
  const text = `Aggiornamento in diretta ${Date.now()}`;
  await writer.getByLabel('Testo').fill(text);
  await writer.getByRole('button', { name: 'Invia' }).click();
  await landed(writer);

  // Anna's page did not reload: the post appears, with the indicator.
  await expect(page.locator('.live-posts')).toContainText(text);
  const indicator = page.getByRole('link', { name: '1 nuovo messaggio' });
  await expect(indicator).toBeVisible();
  await indicator.click();
  await expect(indicator).toHaveCount(0);
  await expectAccessible(page);
  await writer.context().close();
});

test('a reply being written survives a reload as a draft', async ({ page }) => {
  await signIn(page, 'luca.esposito');
  await visit(page, '/forum');
  await page.getByRole('link', { name: 'Benvenute e benvenuti nel forum della comunità' }).click();
  await landed(page);
  const box = page.getByLabel('Testo');
  await expect(box).toHaveAttribute('data-hydrated', 'true');
  await box.pressSequentially('Una bozza che non voglio perdere, con **grassetto**');
  await expect(page.locator('.preview strong')).toHaveText('grassetto');
  await expect(page.locator('.draft-status')).toHaveText('Bozza salvata.');
  await page.reload();
  await landed(page);
  await expect(page.getByLabel('Testo')).toHaveValue('Una bozza che non voglio perdere, con **grassetto**');
});

test('staff close a thread: members can read it but no longer reply', async ({ page, browser, baseURL }) => {
  await signIn(page, 'giulia.ferri');
  await visit(page, '/forum');
  await page.getByRole('link', { name: 'Quali indicatori di esito per un servizio di inserimento lavorativo?' }).click();
  await landed(page);
  const thread = threadPath(page);
  await page.locator('summary', { hasText: 'Moderazione' }).click();
  await page.getByRole('button', { name: 'Chiudi la discussione' }).click();
  await landed(page);
  await expect(page.locator('h1 + .meta')).toContainText('Chiusa');

  const member = await newPage(browser, baseURL);
  await signIn(member, 'anna.rossi');
  await visitThread(member, thread);
  await expect(member.locator('#rispondi')).toHaveText(/La discussione è chiusa/);
  await expect(member.getByRole('button', { name: 'Invia' })).toHaveCount(0);
  // The staff console's report queue does not exist for members.
  const queue = await member.goto('/staff/segnalazioni');
  expect(queue?.status()).toBe(404);

  await page.locator('summary', { hasText: 'Moderazione' }).click();
  await page.getByRole('button', { name: 'Riapri la discussione' }).click();
  await landed(page);
  await member.context().close();
});

test('a reported post reaches the staff queue and staff hide it', async ({ page, browser, baseURL }) => {
  await signIn(page, 'anna.rossi');
  await visit(page, '/forum');
  await page.getByRole('link', { name: 'Fondo rotativo per l’abitare sociale: esperienze a confronto' }).click();
  await landed(page);
  const post = page.locator('article.post', { hasText: 'tasso di rientro' });
  await post.locator('summary', { hasText: 'Segnala' }).click();
  await post.getByLabel('Motivo della segnalazione').fill('Dati senza fonte');
  await post.getByRole('button', { name: 'Invia la segnalazione' }).click();
  await landed(page);
  await expect(page.getByRole('status').first()).toHaveText('Grazie: la segnalazione è arrivata allo staff.');

  const staff = await newPage(browser, baseURL);
  await signIn(staff, 'admin');
  await visit(staff, '/staff/segnalazioni');
  const report = staff.locator('.report-list li', { hasText: 'Dati senza fonte' });
  await expect(report).toContainText('tasso di rientro');
  await report.getByRole('button', { name: 'Nascondi il messaggio' }).click();
  await staff.waitForLoadState('load');
  await expect(staff.locator('.report-list li', { hasText: 'Dati senza fonte' })).toHaveCount(0);
  await expectAccessible(staff);

  await page.reload();
  await landed(page);
  await expect(page.locator('main')).not.toContainText('tasso di rientro');
  await staff.context().close();
});

test('a refused post comes back with the reason and with what was typed', async ({ page }) => {
  await signIn(page, 'luca.esposito');
  await visit(page, '/forum/nuovo');
  await page.getByLabel('Titolo').fill('Breve');
  await page.getByLabel('Testo').fill('Un testo che non deve andare perso.');
  // The browser's own check would stop a short title: send the form as the server sees it.
  await page.locator('#body-title').evaluate((input: HTMLInputElement) => input.removeAttribute('minlength'));
  await page.getByRole('button', { name: 'Pubblica' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByRole('alert')).toContainText('Titolo: Troppo breve: almeno 8 caratteri.');
  await expect(page.getByLabel('Titolo')).toHaveValue('Breve');
  await expect(page.getByLabel('Testo')).toHaveValue('Un testo che non deve andare perso.');
  await expectAccessible(page);
});

test('without JavaScript a thread is read and answered with plain forms', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, locale: 'it-IT' });
  const page = await context.newPage();
  await page.goto('/accedi');
  await page.getByLabel('Nome utente o e-mail').fill('marco.bellini');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.waitForLoadState('load');
  await page.goto('/domande?filtro=senza-risposta');
  await page.getByRole('link', { name: 'Bandi PR FESR per l’innovazione sociale: chi ha esperienza?' }).click();
  await page.waitForLoadState('load');
  const text = `Risposta senza JavaScript ${Date.now()}`;
  await page.getByLabel('Testo').fill(text);
  await page.getByRole('button', { name: 'Invia' }).click();
  await page.waitForLoadState('load');
  await expect(page.locator('article.post', { hasText: text }).locator('.badge.expert')).toHaveText(
    'Risposta esperto',
  );
  await context.close();
});
