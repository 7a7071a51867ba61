// Surveys as people use them: staff build a questionnaire with the plain forms; a member
// saves a draft, comes back to it, is told which required questions are missing, submits;
// staff read the results (charts drawn on the server, with tables) and download the CSV, which
// parses back to the answers.
import { type Page } from '@playwright/test';
import { expect, expectAccessible, newPage, settle, signIn, test, visit } from './support';

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, separators and new lines inside. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function inDays(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

async function addQuestion(page: Page, kind: string, prompt: string, required: boolean, options = '') {
  await page.getByLabel('Tipo di domanda').selectOption({ label: kind });
  await page.getByLabel('Domanda', { exact: true }).fill(prompt);
  if (required) {
    await page.getByLabel('Obbligatoria').check();
  }
  if (options) {
    await page.getByLabel('Risposte possibili').fill(options);
  }
  await page.getByRole('button', { name: 'Aggiungi la domanda' }).click();
  await settle(page);
  await expect(page.locator('.survey-builder')).toContainText(prompt);
}

test('staff build a survey, a member fills it in, staff read the results and the CSV', async ({
  page,
  browser,
  baseURL,
}) => {
  const title = `Come va il gruppo di lavoro? ${Date.now()}`;
  await signIn(page, 'giulia.ferri');
  await visit(page, '/questionari/nuovo');
  await page.getByLabel('Titolo').fill(title);
  await page.getByLabel('Presentazione').fill('Cinque minuti, per capire come migliorare.');
  await page.getByLabel('Chiusura (ora di Roma)').fill(inDays(7));
  await page.getByRole('button', { name: 'Crea il questionario' }).click();
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const surveyPath = new URL(page.url()).pathname;
  await page.getByLabel('Titolo della sezione').fill('Il gruppo');
  await page.getByRole('button', { name: 'Aggiungi la sezione' }).click();
  await settle(page);
  await addQuestion(page, 'Scelta singola', 'Ogni quanto vi incontrate?', true, 'Ogni settimana\nOgni mese');
  await addQuestion(page, 'Scala da 1 a 5', 'Quanto è utile il gruppo?', true);
  await addQuestion(page, 'Scelta multipla', 'Quali strumenti usate?', false, 'Forum\nWiki\nVideochiamate');
  await addQuestion(page, 'Testo lungo', 'Che cosa cambieresti?', false);
  await expectAccessible(page);

  // Luca fills it in: a draft first, which a reload brings back.
  const member = await newPage(browser, baseURL);
  await signIn(member, 'luca.esposito');
  await visit(member, surveyPath);
  await expect(member.getByText('Hai risposto a 0 domande su 4')).toBeVisible();
  await member.getByLabel('Ogni mese').check();
  await member.getByLabel('Che cosa cambieresti?').fill('Più incontri, "brevi", anche online');
  await member.getByRole('button', { name: 'Salva bozza' }).click();
  await settle(member);
  await expect(member.getByText('Bozza salvata.')).toBeVisible();
  await visit(member, surveyPath);
  await expect(member.getByLabel('Ogni mese')).toBeChecked();
  await expect(member.getByText('Hai risposto a 2 domande su 4')).toBeVisible();
  await expect(member.locator('progress')).toHaveAttribute('value', '2');

  // Submitting without the required scale: told which, nothing lost.
  await member.getByRole('button', { name: 'Invia le risposte' }).click();
  await settle(member);
  await expect(member.getByText('Manca la risposta a 1 domanda obbligatoria')).toBeVisible();
  await expect(member.getByText('Questa domanda è obbligatoria.')).toBeVisible();
  await expectAccessible(member);
  await expect(member.getByLabel('Che cosa cambieresti?')).toHaveValue('Più incontri, "brevi", anche online');
  await member.locator('fieldset', { hasText: 'Quanto è utile il gruppo?' }).getByLabel('4').check();
  await member.getByLabel('Wiki').check();
  await member.getByLabel('Videochiamate').check();
  await member.getByRole('button', { name: 'Invia le risposte' }).click();
  await settle(member);
  await expect(member.getByText('Risposte inviate. Grazie!')).toBeVisible();
  // A named survey: the answers stay editable until closing.
  await expect(member.getByRole('button', { name: 'Aggiorna le risposte' })).toBeVisible();
  // An update must keep the response complete: the browser itself asks for required answers.
  await expect(member.getByLabel('Ogni mese')).toHaveAttribute('required', '');
  await expect(member.getByLabel('Che cosa cambieresti?')).not.toHaveAttribute('required', /.*/);
  await member.context().close();

  // Staff read the results: a chart drawn on the server, with its table.
  await visit(page, `${surveyPath}/risultati`);
  const scale = page.locator('.question-results', { hasText: 'Quanto è utile il gruppo?' });
  await expect(scale.locator('svg[role="img"] desc')).toContainText('4: 1 (100%)');
  await expect(scale.locator('table tr', { hasText: '4' }).first()).toBeVisible();
  await expect(page.getByText('Più incontri, "brevi", anche online')).toBeVisible();

  // The CSV parses back to the answers.
  const response = await page.request.get(`${surveyPath}/risultati.csv`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // Italian spreadsheets separate with semicolons (the comma is the decimal mark).
  const rows = parseCsv(bytes.subarray(3).toString('utf8'), ';');
  expect(rows[0]).toEqual([
    'Risposta n.',
    'Persona',
    'Ogni quanto vi incontrate?',
    'Quanto è utile il gruppo?',
    'Quali strumenti usate?',
    'Che cosa cambieresti?',
  ]);
  expect(rows[1]).toEqual(['1', 'Luca Esposito', 'Ogni mese', '4', 'Wiki | Videochiamate', 'Più incontri, "brevi", anche online']);
});

test('the demo feedback survey shows its published results to a respondent', async ({ page }) => {
  await signIn(page, 'anna.rossi');
  await visit(page, '/questionari');
  await page.getByRole('link', { name: 'Com’è andato il primo seminario della comunità?' }).click();
  await settle(page);
  await expect(page.getByText('Hai già risposto a questo questionario anonimo')).toBeVisible();
  await page.getByRole('link', { name: 'Risultati' }).click();
  await settle(page);
  await expectAccessible(page);
  await expect(page.getByText('3 risposte')).toBeVisible();
  await expect(page.locator('svg[role="img"]').first()).toBeVisible();
  // The totals, not other people's rows: the export is for staff.
  await expect(page.getByRole('link', { name: 'Scarica le risposte (CSV)' })).toHaveCount(0);
});
