// The site's own search in a real browser, opened from disk (file://) as a trainer opens it from a USB stick:
// the header box leads to zoeken.html, results appear as you type (abbreviations, half-typed words), the type
// filter narrows them, the keyboard moves through them, the status line says what happened, and nothing is
// sent anywhere. Then a hostile fixture site checks that titles and texts are shown as text, never run as HTML.
//
//   node tests/browser/zoeken.mjs <public-dir>
//
// <public-dir> is a build of the bundled site (kennisbank build --out <public-dir>). The fixture site is built
// with target/release/kennisbank into a temporary folder. Exits non-zero with a message on the first thing that
// is not as a reader would expect.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fail, failed, launch } from './launch.mjs';

const [publicDir] = process.argv.slice(2);
if (!publicDir) {
  console.error('usage: node tests/browser/zoeken.mjs <public-dir>');
  process.exit(2);
}
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = path.join(repo, 'target/release/kennisbank');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const url = (dir, rel) => pathToFileURL(path.resolve(dir, rel)).href;

const ok = (message) => console.log(`ok    ${message}`);

const RESULT_LINKS = '.zoekresultaten .item-titel a';
const titles = (page) => page.locator(RESULT_LINKS).allInnerTexts();
const status = (page) => page.locator('.zoekstatus').innerText();

/* Waits until the status line mentions `query` (so the answer to an older query does not count) and returns it. */
async function statusFor(page, query) {
  try {
    await page.waitForFunction(
      (q) => document.querySelector('.zoekstatus').textContent.includes(`‘${q}’`),
      query,
      { timeout: 10000 },
    );
  } catch {
    fail(`after searching for "${query}" the status line says "${await status(page)}"`);
  }
  return status(page);
}

/* The number at the start of "12 resultaten voor ‘…’", or fails. */
function countIn(text, query) {
  const m = /^(\d+) resulta(at|ten) voor/.exec(text);
  if (!m) fail(`the status for "${query}" does not announce a count: "${text}"`);
  return Number(m[1]);
}

const focusedText = (page) => page.evaluate(() => document.activeElement && document.activeElement.textContent);
const focusedIsBox = (page) => page.evaluate(() => document.activeElement && document.activeElement.id === 'zoekterm');

/* A site with one page whose title and text try to run script; built into a temporary folder. */
function buildHostileSite(dir) {
  fs.writeFileSync(path.join(dir, 'kennisbank.yaml'), [
    'titel: Testkennisbank',
    'base_url: https://example.nl/kb/',
    'secties:',
    '  - map: artikelen',
    '    titel: Artikelen',
    '',
  ].join('\n'));
  fs.cpSync(path.join(repo, 'themes/default'), path.join(dir, 'themes/default'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'content/artikelen'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'content/artikelen/gevaar.md'), [
    '---',
    `titel: '<script>window.__xss = 1</script> Gevaarlijke <b>titel</b>'`,
    'samenvatting: Een pagina die script probeert uit te voeren.',
    'bron:',
    '  titel: Testbron',
    '  uitgever: Test',
    '  jaar: 2024',
    '---',
    'Een gevaarlijke tekst met `<img src=x onerror="window.__xss=2">` erin.',
    '',
    'Nog een gevaarlijke regel: "><svg onload=window.__xss=3> en verder.',
    '',
  ].join('\n'));
  try {
    execFileSync(binary, ['--site', dir, 'build', '--out', path.join(dir, 'public')], { stdio: 'pipe' });
  } catch (e) {
    fail(`the hostile fixture site does not build: ${e.stderr || e.message}`);
  }
  return path.join(dir, 'public');
}

const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kennisbank-zoeken-site-'));
const { context, outside, close } = await launch('zoeken');
const errors = [];
try {
  if (!fs.existsSync(binary)) fail(`${binary} is missing: run cargo build --release first`);
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) outside.push(r.url()); });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith('file:')) errors.push(`failed request: ${r.url()} (${r.failure()?.errorText})`);
  });

  // 1. The header box on the home page submits to zoeken.html?q=..., which shows the results.
  await page.goto(url(publicDir, 'index.html'));
  const headerBox = page.locator('header form[role=search] input[type=search][name=q]');
  if ((await headerBox.count()) !== 1) fail('index.html has no search box in its header');
  await headerBox.click();
  await headerBox.pressSequentially('jeugdverpleegkundige');
  await Promise.all([page.waitForURL(/zoeken\.html\?q=jeugdverpleegkundige$/), headerBox.press('Enter')]);
  await statusFor(page, 'jeugdverpleegkundige');
  const first = (await titles(page))[0];
  if (first !== 'Jeugdverpleegkundige') fail(`the first result for "jeugdverpleegkundige" is "${first}"`);
  const href = await page.locator(RESULT_LINKS).first().getAttribute('href');
  if (!/begrippen\/jeugdverpleegkundige\.html$/.test(href)) fail(`the first result links to ${href}`);
  if ((await page.locator('#zoekterm').inputValue()) !== 'jeugdverpleegkundige') {
    fail('zoeken.html does not show the query from the URL in its box');
  }
  ok('header box on index.html → zoeken.html?q=jeugdverpleegkundige, first result "Jeugdverpleegkundige" (the glossary page)');

  // 2. Results as you type: an abbreviation, then half a word; the status line announces the count.
  await page.goto(url(publicDir, 'zoeken.html'));
  const box = page.locator('#zoekterm');
  await box.click();
  await box.pressSequentially('jvk', { delay: 40 });
  const jvk = await statusFor(page, 'jvk');
  countIn(jvk, 'jvk');
  if ((await page.locator('.zoekstatus').getAttribute('aria-live')) !== 'polite') fail('the status line is not aria-live="polite"');
  if (!(await titles(page)).slice(0, 3).includes('Jeugdverpleegkundige')) {
    fail(`"jvk" does not find Jeugdverpleegkundige among the first results: ${(await titles(page)).slice(0, 3).join(' | ')}`);
  }
  ok(`typing "jvk" finds Jeugdverpleegkundige among the first three; the live status says "${jvk}"`);

  await box.fill('');
  await box.pressSequentially('jeugdverpl', { delay: 40 });
  await statusFor(page, 'jeugdverpl');
  if (!(await titles(page)).slice(0, 3).includes('Jeugdverpleegkundige')) {
    fail(`half a word, "jeugdverpl", does not find Jeugdverpleegkundige: ${(await titles(page)).slice(0, 3).join(' | ')}`);
  }
  if (!page.url().endsWith('zoeken.html?q=jeugdverpl')) fail(`the URL does not follow the query: ${page.url()}`);
  ok('typing half a word, "jeugdverpl", finds it too; the URL follows (?q=jeugdverpl)');

  // A late answer to an older query never replaces the answer to the newer one.
  await page.evaluate(() => {
    const engine = window.KennisbankSearch;
    engine.realSearch = engine.search;
    engine.search = (q, o) => engine.realSearch(q, o).then((a) =>
      (q === 'verzuim' ? new Promise((resolve) => setTimeout(() => resolve(a), 600)) : a));
  });
  await box.fill('verzuim');
  await page.waitForTimeout(250);
  await box.fill('wijkteam');
  await statusFor(page, 'wijkteam');
  await page.waitForTimeout(800);
  if (!(await status(page)).includes('‘wijkteam’')) fail(`a late answer for "verzuim" replaced the one for "wijkteam": "${await status(page)}"`);
  await page.evaluate(() => { window.KennisbankSearch.search = window.KennisbankSearch.realSearch; });
  ok('a late answer to an older query ("verzuim") does not replace the newer one ("wijkteam")');

  // 3. The type filter: fewer results, every one a practice example; "meer resultaten" adds ten.
  await box.fill('ouders');
  const all = countIn(await statusFor(page, 'ouders'), 'ouders');
  const label = await page.locator('#filter-type option[value=praktijkvoorbeeld]').getAttribute('data-naam');
  await page.selectOption('#filter-type', 'praktijkvoorbeeld');
  await page.waitForFunction((n) => !document.querySelector('.zoekstatus').textContent.startsWith(`${n} `), all);
  const filtered = countIn(await statusFor(page, 'ouders'), 'ouders (filtered)');
  if (!(filtered > 0 && filtered < all)) fail(`the type filter changed the count from ${all} to ${filtered}`);
  let types = await page.locator('.zoekresultaat .soort').allInnerTexts();
  if (!types.length || types.some((t) => t.toLowerCase() !== label.toLowerCase())) {
    fail(`with the filter "praktijkvoorbeeld" the results are of type: ${types.join(', ')}`);
  }
  if (!page.url().includes('type=praktijkvoorbeeld')) fail(`the URL does not keep the filter: ${page.url()}`);
  ok(`filter "praktijkvoorbeeld" on "ouders": ${all} → ${filtered} results, every one labelled "${label}"`);
  if (filtered > 10) {
    const shown = await page.locator(RESULT_LINKS).count();
    await page.locator('.zoekmeer button').click();
    await page.waitForFunction((n) => document.querySelectorAll('.zoekresultaten .item-titel a').length > n, shown);
    const more = await page.locator(RESULT_LINKS).count();
    if (more !== Math.min(filtered, shown + 10)) fail(`"meer resultaten" shows ${more} results after ${shown}`);
    const eleventh = (await titles(page))[shown];
    if ((await focusedText(page)) !== eleventh) fail('after "meer resultaten" focus is not on the first new result');
    types = await page.locator('.zoekresultaat .soort').allInnerTexts();
    if (types.some((t) => t.toLowerCase() !== label.toLowerCase())) fail('"meer resultaten" added other types');
    ok(`"meer resultaten" shows ${more} of ${filtered} and moves focus to result ${shown + 1}`);
  }

  // An answer to the box and the filters is checked by axe too (the <mark>s in the snippets, the labels).
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
      preload: false,
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  });
  if (violations.length) fail(`axe finds WCAG 2.1 AA problems on the results: ${violations.join('; ')}`);
  if (!(await page.locator('.zoekresultaten mark').count())) fail('the snippets mark no matched words');
  ok('axe (WCAG 2.1 A/AA) passes with results, filter and marked snippets on screen');
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (widths[0] > widths[1]) fail(`with results on screen the page scrolls sideways at 390px (${widths[0]} > ${widths[1]})`);
  await page.setViewportSize(viewport);
  ok('with results on screen nothing overflows at 390px');
  await page.selectOption('#filter-type', '');
  await statusFor(page, 'ouders');

  // 4. Keyboard: down into the results, down again, up, Escape back to the box, Escape clears it.
  await box.focus();
  await page.waitForFunction((n) => document.querySelector('.zoekstatus').textContent.startsWith(`${n} `), all);
  const [t1, t2] = await titles(page);
  await page.keyboard.press('ArrowDown');
  if ((await focusedText(page)) !== t1) fail(`ArrowDown from the box focuses "${await focusedText(page)}", not the first result`);
  await page.keyboard.press('ArrowDown');
  if ((await focusedText(page)) !== t2) fail(`ArrowDown again focuses "${await focusedText(page)}", not the second result`);
  await page.keyboard.press('ArrowUp');
  if ((await focusedText(page)) !== t1) fail('ArrowUp does not go back to the first result');
  await page.keyboard.press('Escape');
  if (!(await focusedIsBox(page))) fail('Escape in the results does not return focus to the search box');
  await page.keyboard.press('Escape');
  if ((await box.inputValue()) !== '' || (await page.locator(RESULT_LINKS).count()) !== 0) {
    fail('Escape in the search box does not clear it and its results');
  }
  ok('keyboard: ArrowDown → first result, ArrowDown → second, ArrowUp → first, Escape → box, Escape → cleared');

  await box.pressSequentially('jeugdverpleegkundige');
  await statusFor(page, 'jeugdverpleegkundige');
  await Promise.all([page.waitForURL(/begrippen\/jeugdverpleegkundige\.html$/), box.press('Enter')]);
  ok('Enter in the box opens the first result (begrippen/jeugdverpleegkundige.html)');

  // 5. Only stop words, and a word no page has: each gets its own message.
  await page.goto(url(publicDir, 'zoeken.html'));
  await box.fill('de het');
  const stop = await statusFor(page, 'de het');
  const stopTemplate = await page.locator('#zoeken').getAttribute('data-stopwoorden');
  if (stop !== stopTemplate.replace('{zoekterm}', 'de het')) fail(`"de het" shows "${stop}", not the stop-word message`);
  await box.fill('xqzwvbrk');
  const none = await statusFor(page, 'xqzwvbrk');
  const noneTemplate = await page.locator('#zoeken').getAttribute('data-geen');
  const tip = await page.locator('#zoeken').getAttribute('data-geen-tip');
  if (!none.startsWith(noneTemplate.replace('{zoekterm}', 'xqzwvbrk')) || !none.includes(tip)) {
    fail(`a nonsense query shows "${none}", not the no-results message with its hint`);
  }
  if (await page.locator(RESULT_LINKS).count()) fail('a nonsense query leaves results on screen');
  ok(`stop words: "${stop}"`);
  ok(`no results: "${none}"`);

  // 6. Without JavaScript: no dead form, but a note and the indexes to browse.
  const html = fs.readFileSync(path.join(publicDir, 'zoeken.html'), 'utf8');
  const noscript = (/<noscript>([\s\S]*?)<\/noscript>/.exec(html) || [])[1] || '';
  for (const link of ['praktijkvoorbeelden/index.html', 'begrippen/index.html', 'thema/index.html']) {
    if (!noscript.includes(`href="${link}"`)) fail(`the <noscript> block of zoeken.html does not link to ${link}`);
  }
  if (!/<form id="zoeken"[^>]* hidden/.test(html)) fail('without JavaScript zoeken.html shows a search form that cannot work');
  ok('without JavaScript: the form stays hidden and <noscript> links to the sections, the glossary and the themes');

  // 7. Escaping: titles and texts that look like HTML are shown as text.
  const hostile = buildHostileSite(siteDir);
  await page.goto(url(hostile, 'zoeken.html') + '?q=gevaarlijke');
  await statusFor(page, 'gevaarlijke');
  const hostileTitle = (await titles(page))[0] || '';
  if (hostileTitle !== '<script>window.__xss = 1</script> Gevaarlijke <b>titel</b>') {
    fail(`the hostile title is shown as "${hostileTitle}", not as its literal text`);
  }
  const shownText = await page.locator('.zoekresultaten').innerText();
  if (!shownText.includes('<img src=x onerror=') || !shownText.includes('<svg onload=')) {
    fail(`the hostile page's text does not reach the snippet, so escaping is not tested: "${shownText}"`);
  }
  await page.waitForTimeout(300); // let an injected onerror or onload fire, if there were one
  const injected = await page.evaluate(() => ({
    xss: typeof window.__xss,
    elements: document.querySelectorAll('.zoekresultaten script, .zoekresultaten img, .zoekresultaten svg, .zoekresultaten b').length,
  }));
  if (injected.xss !== 'undefined') fail('a hostile page ran script: window.__xss is set');
  if (injected.elements) fail(`the results list holds ${injected.elements} element(s) from a page's title or text`);
  ok('hostile title and text are shown literally (<script>, <img onerror>, <svg onload>): nothing ran, no elements');

  if (errors.length) fail(`console or page errors, or failed requests: ${errors.join(' | ')}`);
  if (outside.length) fail(`requests that are not file://: ${outside.join(', ')}`);
  ok('no console or page errors, no failed requests, every request file://');
  console.log(`PASS  search in the browser from ${publicDir} and a hostile fixture site`);
} catch (e) {
  failed(e);
} finally {
  await close();
  fs.rmSync(siteDir, { recursive: true, force: true });
}
