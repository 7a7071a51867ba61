// What each kind of page makes the browser download of WebAssembly and JS, against the budgets
// of issue 15: at most 100 KiB on any page, at most 60 KiB on a thread read by a visitor. Each
// file Chromium fetched from /pkg is counted at the size of its brotli form, as the release build
// precompressed it (Chromium does not ask for brotli over plain HTTP). Each page must also fetch
// exactly the lazy islands it shows: one imported where it is not used fails here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, newPage, settle, signIn, test } from './support';

const LARGEST_KIB = 100;
const THREAD_VISITOR_KIB = 60;
const site = path.resolve(__dirname, '..', '..', 'target', 'site');

/** The lazy islands a split chunk belongs to, from the build's manifest. */
function chunkOwners(): Map<string, string[]> {
  const pkg = path.join(site, 'pkg');
  const manifest = fs.readdirSync(pkg).find((f) => /^__wasm_split_manifest.*\.json$/.test(f));
  const owners = new Map<string, string[]>();
  if (!manifest) return owners;
  const loaders: Record<string, string[]> = JSON.parse(fs.readFileSync(path.join(pkg, manifest), 'utf8'));
  for (const [loader, files] of Object.entries(loaders)) {
    const island = loader.split('_loader_')[0];
    for (const file of files) {
      owners.set(file, [...(owners.get(file) ?? []), island]);
    }
  }
  return owners;
}

function brotliSize(urlPath: string): number {
  const file = path.join(site, decodeURIComponent(urlPath));
  return fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : fs.statSync(file).size;
}

/** Opens a page and returns what it fetched from /pkg once nothing more comes. */
async function fetched(page: Page, url: string): Promise<string[]> {
  const files = new Set<string>();
  // Routing turns the HTTP cache off: every file the page needs is fetched and seen. Only what
  // this page fetches counts, not what the page before it (the sign-in) was still loading.
  await page.goto('about:blank');
  await page.route('**/*', (route) => route.continue());
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/pkg/') && /\.(wasm|js)$/.test(pathname)) files.add(pathname);
  });
  await page.goto(url);
  await settle(page);
  // Lazy islands load after the main module: wait until no new file has come for a second.
  let seen = -1;
  while (seen !== files.size) {
    seen = files.size;
    await page.waitForTimeout(1000);
  }
  return [...files];
}

/**
 * A page, who opens it, the lazy islands it must fetch (and no other), its budget, and for the
 * pages known to be over it (issue 15, decision 0010) the figure measured when this was written.
 * The budget is the product's and stays; a page marked `over` fails here the day it fits, so that
 * the mark goes.
 */
type Case = { name: string; url: string; who?: string; islands: string[]; budget: number; over?: number };

const CASES: Case[] = [
  // Every page downloads the main module with the two live islands. A visitor's thread page
  // downloads exactly that (its live island is in it; a visitor has no writing box), but the
  // demo, in phase 1, has no thread a visitor may read: the sign-in page stands for it.
  { name: 'main module (a thread for a visitor)', url: '/accedi', islands: [], budget: THREAD_VISITOR_KIB },
  { name: 'home, visitor', url: '/', islands: ['theme_filter'], budget: LARGEST_KIB },
  { name: 'wiki page, visitor', url: '/wiki/regole-della-comunita', islands: [], budget: LARGEST_KIB },
  { name: 'thread, member', url: 'welcome', who: 'luca.esposito', islands: ['writing_box'], budget: LARGEST_KIB },
  { name: 'new thread, member', url: '/forum/nuovo', who: 'luca.esposito', islands: ['writing_box'], budget: LARGEST_KIB },
  { name: 'poll list, member', url: '/sondaggi', who: 'luca.esposito', islands: [], budget: LARGEST_KIB },
  {
    // Staff edit a page in place.
    name: 'wiki page, staff',
    url: '/wiki/glossario',
    who: 'giulia.ferri',
    islands: ['inline_wiki_editor'],
    budget: LARGEST_KIB,
  },
  { name: 'themes, member', url: '/temi', who: 'luca.esposito', islands: [], budget: LARGEST_KIB },
];

const WELCOME = 'Benvenute e benvenuti nel forum della comunità';

async function welcomeThread(page: Page): Promise<string> {
  await page.goto('/forum');
  return (await page.getByRole('link', { name: WELCOME }).getAttribute('href')) ?? '';
}

for (const c of CASES) {
  test(`${c.name}: the lazy islands it shows and no other, within ${c.budget} KiB`, async ({ browser, baseURL }) => {
    const page = await newPage(browser, baseURL);
    if (c.who) await signIn(page, c.who);
    const url = c.url === 'welcome' ? await welcomeThread(page) : c.url;
    const owners = chunkOwners();
    const files = await fetched(page, url);
    const kib = files.reduce((sum, f) => sum + brotliSize(f), 0) / 1024;
    console.log(`${c.name}: ${kib.toFixed(1)} KiB (${files.length} files), budget ${c.budget}`);
    const own = new Set(
      files
        .map((f) => owners.get(path.basename(f, '.wasm')) ?? [])
        .filter((o) => o.length === 1)
        .flat(),
    );
    expect([...own].sort(), `lazy islands fetched on ${c.name}`).toEqual([...c.islands].sort());
    if (c.over === undefined) {
      expect(kib, `${c.name} within its budget`).toBeLessThanOrEqual(c.budget);
    } else {
      expect(kib, `${c.name} now fits its budget: remove its "over" mark`).toBeGreaterThan(c.budget);
    }
    await page.context().close();
  });
}
