// Live reload as an editor meets it, in a real browser against `kennisbank serve`: a page whose own file is
// saved updates in place (no reload: a mark left on the window survives) and keeps its scroll position; a page
// whose file did not change is left alone; a broken file shows an overlay with the file and line, and fixing it
// removes the overlay; a template change reloads every page, which scrolls back to where the reader was.
//
//   node tests/browser/serve.mjs
//
// A small site is made in a temporary folder and served with target/release/kennisbank on a free port. Exits
// non-zero with a message on the first thing that is not as an editor would expect.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, failed, launch } from './launch.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = path.join(repo, 'target/release/kennisbank');
const ok = (message) => console.log(`ok    ${message}`);

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'kennisbank-serve-browser-'));
const write = (relative, text) => {
  fs.mkdirSync(path.dirname(path.join(site, relative)), { recursive: true });
  fs.writeFileSync(path.join(site, relative), text);
};
const paragraphs = Array.from({ length: 80 }, (_, i) => `Alinea ${i + 1} over de samenwerking met de school.`).join('\n\n');
const PAGE = 'content/artikelen/samenwerken.md';
const pageText = (extra) => `---\ntitel: Samenwerken met de school\nsamenvatting: Hoe het werkt.\nbron:\n  titel: Handboek\n---\n## Begin\n\n${paragraphs}\n\n${extra}\n`;
write('kennisbank.yaml', 'titel: Testkennisbank\nsecties:\n  - map: artikelen\n    titel: Artikelen\n');
write('content/_index.md', '---\ntitel: Welkom\n---\nWelkom.\n');
write(PAGE, pageText('EERSTE-VERSIE'));
write('content/artikelen/ander.md', '---\ntitel: Een ander artikel\nsamenvatting: Anders.\nbron:\n  titel: Boek\n---\nANDERE-PAGINA\n');

let server;
let browser;
try {
  server = spawn(binary, ['--site', site, 'serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60000);
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const found = log.match(/ at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    });
    server.on('exit', () => reject(new Error(`serve stopped:\n${log}`)));
  });
  ok(`serve runs at ${base}`);
  browser = await launch('serve', { viewport: { width: 1000, height: 700 } }, /^http:\/\/127\.0\.0\.1:\d+\//);
  const page = await browser.context.newPage();
  const other = await browser.context.newPage();
  const errors = [];
  for (const p of [page, other]) p.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}artikelen/samenwerken.html`);
  await other.goto(`${base}artikelen/ander.html`);
  // The reload messages' stream is open once the script ran.
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.scrollTo({ top: 1500, behavior: 'instant' }); window.kennisbankMark = 'nog-dezelfde-pagina'; });
  await other.evaluate(() => { window.kennisbankMark = 'onaangeroerd'; });
  const scrolled = await page.evaluate(() => window.scrollY);
  if (scrolled < 1000) fail(`the test page does not scroll (scrollY ${scrolled}): ${(await page.content()).slice(0, 600)}\n${log}`);

  // 1. Saving the page's own file: new content in place, no reload, same scroll position.
  write(PAGE, pageText('TWEEDE-VERSIE'));
  await page.waitForFunction(() => document.body.textContent.includes('TWEEDE-VERSIE'), null, { timeout: 15000 })
    .catch(() => fail('the edited page did not show the new text'));
  const mark = await page.evaluate(() => window.kennisbankMark);
  if (mark !== 'nog-dezelfde-pagina') fail('the page reloaded instead of updating in place');
  const after = await page.evaluate(() => window.scrollY);
  if (Math.abs(after - scrolled) > 2) fail(`the scroll position moved from ${scrolled} to ${after}`);
  ok('a saved page updates in place, without a reload, at the same scroll position');
  // The swapped-in page's Presenteren button still works, and its slides show the new text.
  await page.getByRole('button', { name: 'Presenteren' }).click();
  const slides = await page.locator('.presentatie .dia').allInnerTexts();
  if (!slides.some((t) => t.includes('TWEEDE-VERSIE'))) fail('after an update in place, presentation mode does not show the new text');
  await page.keyboard.press('Escape');
  if (await page.locator('.presentatie').count()) fail('Escape does not end presentation mode after an update in place');
  ok('after an update in place the page can still be presented, with the new text');
  if ((await other.evaluate(() => window.kennisbankMark)) !== 'onaangeroerd') fail('an unchanged page reloaded');
  ok('a page whose file did not change is left alone');

  // 2. A broken file: an overlay with the file and line; the page keeps its last good content.
  write(PAGE, pageText('DERDE-VERSIE').replace('titel: Samenwerken', 'titel: [Samenwerken'));
  await page.waitForSelector('#kennisbank-serve-fouten', { timeout: 15000 })
    .catch(() => fail('no error overlay appeared'));
  const overlay = await page.locator('#kennisbank-serve-fouten').innerText();
  if (!overlay.includes('content/artikelen/samenwerken.md:')) fail(`the overlay does not name the file and line:\n${overlay}`);
  if (!overlay.includes('De site kon niet opnieuw worden gebouwd')) fail('the overlay has no Dutch heading');
  if (!(await page.evaluate(() => document.body.textContent.includes('TWEEDE-VERSIE')))) fail('the last good page is gone');
  await other.waitForSelector('#kennisbank-serve-fouten', { timeout: 15000 })
    .catch(() => fail('the other open page shows no overlay'));
  ok(`a broken file shows an overlay on every open page: ${overlay.split('\n').find((l) => l.includes('samenwerken.md:'))?.trim()}`);

  // 3. Fixing it removes the overlay and shows the fix.
  write(PAGE, pageText('DERDE-VERSIE'));
  await page.waitForFunction(() => !document.getElementById('kennisbank-serve-fouten') && document.body.textContent.includes('DERDE-VERSIE'), null, { timeout: 15000 })
    .catch(() => fail('fixing the file did not clear the overlay'));
  await other.waitForFunction(() => !document.getElementById('kennisbank-serve-fouten'), null, { timeout: 15000 })
    .catch(() => fail('fixing the file did not clear the overlay on the other page'));
  ok('fixing the file removes the overlay');

  // 4. A template change: every page reloads and scrolls back.
  await page.evaluate(() => window.scrollTo({ top: 1200, behavior: 'instant' }));
  const before = await page.evaluate(() => window.scrollY);
  write('themes/default/templates/404.html', fs.readFileSync(path.join(repo, 'themes/default/templates/404.html'), 'utf8'));
  const base_html = fs.readFileSync(path.join(repo, 'themes/default/templates/base.html'), 'utf8');
  write('themes/default/templates/base.html', base_html.replace('<footer class="site-voet">', '<footer class="site-voet"><p id="nieuwe-voet">NIEUWE-VOET</p>'));
  await page.waitForSelector('#nieuwe-voet', { timeout: 20000 }).catch(() => fail('the page did not reload after a template change'));
  await other.waitForSelector('#nieuwe-voet', { timeout: 20000 }).catch(() => fail('the other page did not reload after a template change'));
  if ((await page.evaluate(() => window.kennisbankMark)) !== undefined) fail('a template change did not reload the page');
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) <= 2, before, { timeout: 5000 })
    .catch(async () => fail(`after the reload the page is at ${await page.evaluate(() => window.scrollY)}, not ${before}`));
  ok('a template change reloads every open page, which scrolls back to where it was');

  if (errors.length) fail(`script errors: ${errors.join('; ')}`);
  if (browser.outside.length) fail(`requests off the machine: ${browser.outside.join(', ')}`);
  ok('no script errors, no requests off the machine');
} catch (error) {
  failed(error);
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGINT');
  fs.rmSync(site, { recursive: true, force: true });
}
