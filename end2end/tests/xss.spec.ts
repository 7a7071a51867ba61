// Cases from the OWASP XSS filter-evasion cheat sheet (script tags, `javascript:` and `data:`
// links, `on*` attributes, SVG and MathML, encoded and malformed tags), posted through the forum's
// form and shown in Chromium — in the live preview while typing and on the saved thread. A hook
// records any script that runs; the test fails on any, and on any console error (a script the
// page's CSP had to block would log one).
import { expect, signIn, test, visit } from './support';

const CORPUS = [
  '<script>window.__pwn("script")</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<img src=x onerror="window.__pwn(\'img onerror\')">',
  '<IMG SRC="javascript:window.__pwn(\'img src\');">',
  '<IMG SRC=JaVaScRiPt:window.__pwn(1)>',
  '<IMG SRC="jav&#x09;ascript:window.__pwn(1);">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__pwn(1)>',
  '<svg onload="window.__pwn(\'svg\')"></svg>',
  '<svg><script>window.__pwn("svg script")</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwn(1)></style></mglyph></table></mtext></math>',
  '<body onload=window.__pwn(1)>',
  '<iframe src="javascript:window.__pwn(1)"></iframe>',
  '<object data="javascript:window.__pwn(1)"></object>',
  '<details open ontoggle="window.__pwn(\'details\')">x</details>',
  '<input autofocus onfocus="window.__pwn(\'input\')">',
  '<a href="javascript:window.__pwn(\'a\')">link a</a>',
  '<a href="&#106;avascript:window.__pwn(1)">link b</a>',
  '<div style="background:url(javascript:window.__pwn(1))">div</div>',
  '<<SCRIPT>window.__pwn("nested");//<</SCRIPT>',
  '<scr<script>ipt>window.__pwn("split")</script>',
  '"><script>window.__pwn("break out")</script>',
  '<a href="https://example.org" onmouseover="window.__pwn(\'hover\')">hover me</a>',
  '[markdown js](javascript:window.__pwn(1))',
  '[markdown js upper](JAVASCRIPT:window.__pwn(1))',
  '[markdown data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd24oMSk8L3NjcmlwdD4=)',
  '![markdown image](javascript:window.__pwn(1))',
  '[markdown vbscript](vbscript:msgbox(1))',
  '<javascript:window.__pwn(1)>',
  '<a href="data:text/html,<script>window.__pwn(1)</script>">data link</a>',
];

test('no script from the XSS corpus runs, in the preview or on the saved thread', async ({ page }) => {
  await page.addInitScript(() => {
    const ran: string[] = [];
    (window as unknown as { __ran: string[] }).__ran = ran;
    (window as unknown as { __pwn: (what: unknown) => void }).__pwn = (what) => ran.push(String(what));
    window.alert = (what) => ran.push(`alert ${what}`);
  });
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await signIn(page, 'anna.rossi');
  await visit(page, '/forum/nuovo');
  await page.getByLabel('Titolo').fill('Prova di sicurezza del testo');
  const body = CORPUS.join('\n\n');
  const box = page.getByLabel('Testo');
  await expect(box).toHaveAttribute('data-hydrated', 'true');
  await box.fill(body);
  await box.press('End');
  await box.pressSequentially(' ');
  await expect(page.locator('.preview .post-body')).toContainText('link a');

  await page.getByRole('button', { name: 'Pubblica' }).click();
  await page.waitForLoadState('load');
  await expect(page.locator('.live-status[data-live="open"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prova di sicurezza del testo');
  const post = page.locator('article.post').first();
  await expect(post).toContainText('hover me');

  // Move over and focus everything a payload could hang on.
  for (const link of await post.locator('.post-body a').all()) {
    await link.hover();
    await link.focus();
  }

  const dangerous = await post.locator('.post-body').evaluate((root) => {
    const found: string[] = [];
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'img', 'input', 'style', 'details'].includes(tag)) {
        found.push(`<${tag}>`);
      }
      for (const attr of Array.from(el.attributes)) {
        const value = attr.value.trim().toLowerCase();
        if (attr.name.startsWith('on') || attr.name === 'style') found.push(`${tag}[${attr.name}]`);
        if (['href', 'src', 'data'].includes(attr.name) && /^(javascript|data|vbscript):/.test(value)) {
          found.push(`${tag}[${attr.name}=${value}]`);
        }
      }
    }
    return found;
  });
  expect(dangerous).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran)).toEqual([]);
  expect(dialogs).toEqual([]);
});
