// The wiki as people use it: two people editing the same page at once (a clean merge, then a
// conflict resolved side by side: nothing is lost either way), a section edit, a link to a page
// not written yet, history with a diff and a restore, a protected page, and editing without
// WebAssembly or JavaScript.
import { type Browser, type Page } from '@playwright/test';
import { expect, expectAccessible, newPage, signIn, test, visit } from './support';

const TEXT = ['# Prima', '', 'Uno.', '', '# Seconda', '', 'Due.', '', '# Terza', '', 'Tre.', ''].join('\n');

/** Creates a page in the community's space and returns its address. */
async function createPage(page: Page, title: string, text: string): Promise<string> {
  await visit(page, '/wiki/nuova?spazio=comunita');
  await page.getByLabel('Titolo').fill(title);
  await page.getByLabel('Testo della pagina').fill(text);
  await page.getByLabel('Oggetto della modifica').fill('Prima stesura');
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('status').filter({ hasText: 'Pagina salvata.' })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The page's text as shown (not the inline editor's preview). */
function body(page: Page) {
  return page.locator('.wiki-body:not(.preview)');
}

async function openEditor(page: Page, address: string): Promise<void> {
  await visit(page, `${address}?azione=modifica`);
  await expect(page.locator('#source')).toHaveAttribute('data-hydrated', 'true');
}

async function person(browser: Browser, baseURL: string | undefined, who: string): Promise<Page> {
  const page = await newPage(browser, baseURL);
  await signIn(page, who);
  return page;
}

test('two people edit one page at once: merged when they touch different parts, resolved side by side when not', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'anna.rossi');
  const address = await createPage(page, `Pagina a quattro mani ${Date.now()}`, TEXT);
  const luca = await person(browser, baseURL, 'luca.esposito');

  // Different sections: both edits are kept, and Luca is told they were merged.
  await openEditor(page, address);
  await openEditor(luca, address);
  await page.locator('#source').fill(TEXT.replace('Uno.', 'Uno secondo Anna.'));
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.waitForLoadState('load');
  await luca.locator('#source').fill(TEXT.replace('Tre.', 'Tre secondo Luca.'));
  await luca.getByRole('button', { name: 'Salva' }).click();
  await luca.waitForLoadState('load');
  await expect(luca.getByRole('status').filter({ hasText: 'le sue modifiche e le tue sono state unite' })).toBeVisible();
  await expect(body(luca)).toContainText('Uno secondo Anna.');
  await expect(body(luca)).toContainText('Tre secondo Luca.');

  // The same line: nothing is saved, both versions are shown, and Luca resolves.
  await openEditor(page, address);
  await openEditor(luca, address);
  const current = await page.locator('#source').inputValue();
  await page.locator('#source').fill(current.replace('Due.', 'Due, la versione di Anna.'));
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.waitForLoadState('load');
  await luca.locator('#source').fill(current.replace('Due.', 'Due, la versione di Luca.'));
  await luca.getByRole('button', { name: 'Salva' }).click();
  await luca.waitForLoadState('load');
  await expect(luca.getByRole('heading', { name: 'Conflitto di modifica' })).toBeVisible();
  await expectConflictShown(luca);
  const marked = await luca.locator('#source').inputValue();
  expect(marked).toContain('<<<<<<< la tua versione\nDue, la versione di Luca.\n=======\nDue, la versione di Anna.\n>>>>>>>');
  // Saving with the marks left in is refused, with the reason, and the text comes back.
  await luca.getByRole('button', { name: 'Salva' }).click();
  await luca.waitForLoadState('load');
  await expect(luca.getByRole('alert').filter({ hasText: 'segni di un conflitto' })).toBeVisible();
  await expect(luca.locator('#source')).toHaveValue(marked);
  const resolved = marked.replace(/<<<<<<< [^\n]*\n[^]*?>>>>>>> [^\n]*\n/, 'Due, la versione di Anna e di Luca.\n');
  await luca.locator('#source').fill(resolved);
  await luca.getByRole('button', { name: 'Salva' }).click();
  await luca.waitForLoadState('load');
  await expect(luca.getByRole('status').filter({ hasText: 'Pagina salvata.' })).toBeVisible();
  await expect(body(luca)).toContainText('Due, la versione di Anna e di Luca.');
  await expect(body(luca)).toContainText('Uno secondo Anna.');

  // The history has every save, and a diff marks the changed words.
  await visit(luca, `${address}?azione=storia`);
  await expect(luca.locator('table.history tbody tr')).toHaveCount(5);
  await luca.getByRole('button', { name: 'Confronta le revisioni scelte' }).click();
  await luca.waitForLoadState('load');
  await expect(luca.locator('table.diff ins').first()).toBeVisible();
  await expect(luca.locator('table.diff del').first()).toBeVisible();
  await luca.getByRole('link', { name: 'Vista affiancata' }).click();
  await luca.waitForLoadState('load');
  await expect(luca.locator('table.diff.side-by-side')).toBeVisible();
});

async function expectConflictShown(page: Page): Promise<void> {
  const row = page.locator('.conflict-table tr.conflict');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td').nth(0)).toContainText('Due, la versione di Luca.');
  await expect(row.locator('td').nth(1)).toContainText('Due, la versione di Anna.');
}

test('a section is edited alone, a missing page is written from its link, and an old revision is restored', async ({
  page,
}) => {
  await signIn(page, 'anna.rossi');
  const missing = `Pagina mancante ${Date.now()}`;
  const address = await createPage(page, `Pagina con sezioni ${Date.now()}`, `${TEXT}\nVedi [[${missing}]].\n`);

  await page.getByRole('link', { name: /^modifica: Seconda$/ }).click();
  await page.waitForLoadState('load');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Modifica di una sezione');
  await expect(page.locator('#source')).toHaveValue('# Seconda\n\nDue.\n\n');
  await page.locator('#source').fill('# Seconda\n\nDue, riscritto nella sezione.\n');
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.waitForLoadState('load');
  await expect(body(page)).toContainText('Due, riscritto nella sezione.');
  await expect(body(page)).toContainText('Tre.');

  // The link to a page not written yet is marked; following it offers to write it.
  const link = page.locator('.wiki-body a.wikilink-new', { hasText: missing });
  await expect(link).toBeVisible();
  await link.click();
  await page.waitForLoadState('load');
  await page.getByRole('link', { name: 'Scrivi questa pagina' }).click();
  await page.waitForLoadState('load');
  await page.locator('#source').fill('Ora esiste.');
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(missing);
  await visit(page, address);
  await expect(page.locator('.wiki-body a', { hasText: missing })).not.toHaveClass(/wikilink-new/);

  // Restore the first revision: a new revision, the history keeps all.
  await visit(page, `${address}?azione=storia`);
  await page.getByRole('button', { name: 'Ripristina la revisione 1' }).click();
  await page.waitForLoadState('load');
  await expect(body(page)).toContainText('Due.');
  await expect(body(page)).not.toContainText('riscritto');
  await visit(page, `${address}?azione=storia`);
  await expect(page.locator('table.history tbody tr')).toHaveCount(3);
  await expect(page.locator('table.history tbody tr').first()).toContainText('ripristino della revisione 1');
});

test('a protected page is edited only by staff; members are told why', async ({ page, browser, baseURL }) => {
  await signIn(page, 'anna.rossi');
  await visit(page, '/wiki/regole-della-comunita');
  await expect(page.getByText('Protetta', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Modifica', exact: true })).toHaveCount(0);
  await visit(page, '/wiki/regole-della-comunita?azione=modifica');
  await expect(page.getByRole('alert')).toContainText('solo lo staff può modificarla');

  const staff = await person(browser, baseURL, 'giulia.ferri');
  await visit(staff, '/wiki/regole-della-comunita');
  await expect(staff.locator('.validated')).toContainText('da rivedere');
  await staff.getByRole('link', { name: 'Modifica', exact: true }).click();
  await staff.waitForLoadState('load');
  await expect(staff.getByText('la stai modificando come staff')).toBeVisible();
  const text = await staff.locator('#source').inputValue();
  await staff.locator('#source').fill(`${text}4. Le pagine validate riportano chi le ha validate.\n`);
  await staff.getByRole('button', { name: 'Salva' }).click();
  await staff.waitForLoadState('load');
  await expect(body(staff)).toContainText('chi le ha validate');
  await visit(staff, '/wiki/da-rivedere');
  await expect(staff.getByRole('link', { name: 'Regole della comunità' })).toBeVisible();
});

test('without JavaScript a page is read, edited and saved through the plain form', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: 'it-IT' });
  const page = await context.newPage();
  await page.goto('/accedi');
  await page.getByLabel('Nome utente o e-mail').fill('luca.esposito');
  await page.getByLabel('Password', { exact: true }).fill('password-demo-e2e');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.waitForLoadState('load');
  await page.goto('/wiki/glossario');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossario');
  await page.getByRole('link', { name: 'Modifica', exact: true }).click();
  await page.waitForLoadState('load');
  const text = await page.locator('#source').inputValue();
  const entry = `**Voce ${Date.now()}** — aggiunta senza JavaScript.`;
  await page.locator('#source').fill(`${text}\n${entry}\n`);
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.waitForLoadState('load');
  await expect(body(page)).toContainText('aggiunta senza JavaScript');
  await page.goto('/wiki/modifiche-recenti');
  await expect(page.locator('.recent-changes li').first()).toContainText('Glossario');
  await context.close();
});

test('a group space is a 404 outside the group, also in recent changes and the feed', async ({ page }) => {
  await signIn(page, 'luca.esposito');
  const response = await visit(page, '/wiki/gruppi/cabina-di-regia/programma-dei-seminari');
  expect(response?.status()).toBe(404);
  await visit(page, '/wiki/modifiche-recenti');
  await expect(page.getByText('Programma dei seminari')).toHaveCount(0);
  const feed = await page.request.get('/wiki/feed.atom');
  expect(await feed.text()).not.toContain('Programma dei seminari');

  const anna = page.context();
  await anna.clearCookies();
  await signIn(page, 'anna.rossi');
  const ok = await visit(page, '/wiki/gruppi/cabina-di-regia/programma-dei-seminari');
  expect(ok?.status()).toBe(200);
});

test('staff edit a section in place, on the page itself, and the page shows the new text without leaving', async ({
  page,
}) => {
  await signIn(page, 'giulia.ferri');
  const address = await createPage(page, `Pagina modificata sul posto ${Date.now()}`, TEXT);
  await expect(page.locator('.inline-editor')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('link', { name: 'modifica: Seconda' }).click();
  const editor = page.getByLabel('Testo della pagina');
  await expect(editor).toBeVisible();
  await expect(editor).toHaveValue('# Seconda\n\nDue.\n\n');
  await editor.fill('# Seconda\n\nDue, corretto sul posto.\n');
  await page.getByRole('button', { name: 'Anteprima' }).click();
  await expect(page.locator('.inline-form .preview')).toContainText('corretto sul posto');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.locator('.inline-message')).toHaveText('Pagina salvata.');
  await expect(editor).toBeHidden();
  await expect(body(page)).toContainText('Due, corretto sul posto.');
  expect(new URL(page.url()).pathname).toBe(address);
  expect(new URL(page.url()).search).toBe('?salvata=1');

  // The whole page, too; then a reload shows what was saved.
  await page.getByRole('button', { name: 'Modifica qui' }).click();
  await expect(editor).toBeVisible();
  await expect(editor).toHaveValue(/Due, corretto sul posto\.[^]*Tre\./);
  await editor.fill((await editor.inputValue()).replace('Tre.', 'Tre, anche questo.'));
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.locator('.inline-message')).toHaveText('Pagina salvata.');
  await visit(page, address);
  await expect(body(page)).toContainText('Tre, anche questo.');
  await expect(body(page)).toContainText('Due, corretto sul posto.');
});

test('staff bring an accepted answer into the wiki, and the page says where it came from', async ({ page }) => {
  await signIn(page, 'giulia.ferri');
  await visit(page, '/domande/risolte');
  await page.getByRole('link', { name: /serve sempre un avviso pubblico/ }).click();
  await page.waitForLoadState('load');
  await page.getByRole('link', { name: 'Porta nel wiki' }).click();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  const title = `Avviso e partner storici ${Date.now()}`;
  await page.getByLabel('Titolo').fill(title);
  await page.getByRole('button', { name: 'Porta nel wiki' }).first().click();
  await page.waitForLoadState('load');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const provenance = body(page).getByRole('link', { name: /serve sempre un avviso pubblico/ });
  await expect(provenance).toHaveAttribute('href', /^\/forum\/m\/\d+$/);
  await visit(page, `${new URL(page.url()).pathname}?azione=storia`);
  await expect(page.locator('table.history tbody tr').first()).toContainText('da una risposta accettata nel forum');
});
