// The print view in a real browser, opened from disk (file://) as a reader opens the site from a USB stick, with
// print media emulated: a content page and the whole handbook (afdrukken.html) lose the navigation, search box,
// menus, table of contents and backlinks on paper; web addresses are printed after their links (not twice where
// the text is the address); every chapter of the handbook starts on a new sheet and Chromium prints it to a PDF
// of many pages. The "Afdrukken / PDF" link prints the page with JavaScript and leads to the handbook without.
//
//   node tests/browser/afdrukken.mjs <public-dir>
//
// <public-dir> is a build of the bundled site (kennisbank build --out <public-dir>). A small fixture site with a
// link to a web address is built with target/release/kennisbank into a temporary folder. Exits non-zero with a
// message on the first thing that is not as a reader would expect.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fail, failed, launch } from './launch.mjs';

const [publicDir] = process.argv.slice(2);
if (!publicDir) {
  console.error('usage: node tests/browser/afdrukken.mjs <public-dir>');
  process.exit(2);
}
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = path.join(repo, 'target/release/kennisbank');
const url = (dir, rel) => pathToFileURL(path.resolve(dir, rel)).href;
const ok = (message) => console.log(`ok    ${message}`);

const CONTENT_PAGE = 'praktijkvoorbeelden/den-bosch-brugfunctie.html';
const PRINT_PAGE = 'afdrukken.html';
/** The handbook of the bundled site is far longer than this; a PDF this short means chapters went missing. */
const MIN_PDF_PAGES = 50;

/** What a reader must not find on paper, by selector. */
const SCREEN_ONLY = [
  ['.hoofdnav', 'the main menu'],
  ['.menu-klein, .menu-breed', 'the header menu'],
  ['.zoekvak', 'the search box'],
  ['.skiplink', 'the skip link'],
  ['.site-voet', 'the footer'],
  ['a[data-afdrukken]', 'the print link'],
];

/** Fails when an element matching `selector` is missing from the page, or is visible. */
async function hidden(page, selector, what, where) {
  const elements = await page.locator(selector).all();
  if (elements.length === 0) fail(`${where} has no ${what} (${selector}), so hiding it is not tested`);
  for (const element of elements) {
    if (await element.isVisible()) fail(`${what} (${selector}) is visible on paper on ${where}`);
  }
}

/** Every link to a web address in the main content: its href, classes and what print adds after it. */
const webLinks = (page) => page.evaluate(() => [...document.querySelectorAll('main a[href^="http"]')].map((a) => ({
  href: a.getAttribute('href'),
  text: a.textContent,
  webadres: a.classList.contains('webadres'),
  after: getComputedStyle(a, '::after').content,
})));

/** Pages in a PDF made by Chromium: its page objects. */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) || []).length;

/* A site with one page that links to a web address by name and by the address itself. */
function buildLinkSite(dir) {
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
  fs.writeFileSync(path.join(dir, 'content/artikelen/links.md'), [
    '---',
    'titel: Links naar buiten',
    'samenvatting: Een pagina met links naar websites.',
    'bron:',
    '  titel: Testbron',
    '  url: https://example.org/bron',
    '---',
    'Lees meer op [de website van het NJi](https://www.nji.nl/thema) of op <https://example.org/adres>.',
    '',
  ].join('\n'));
  try {
    execFileSync(binary, ['--site', dir, 'build', '--out', path.join(dir, 'public')], { stdio: 'pipe' });
  } catch (e) {
    fail(`the fixture site does not build: ${e.stderr || e.message}`);
  }
  return path.join(dir, 'public');
}

const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kennisbank-afdrukken-site-'));
const { context, outside, close } = await launch('afdrukken');
const noScript = await launch('afdrukken-zonder-js', { javaScriptEnabled: false });
const errors = [];
const watch = (page) => {
  page.setDefaultTimeout(30000);
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith('file:')) errors.push(`failed request: ${r.url()} (${r.failure()?.errorText})`);
  });
  return page;
};
try {
  if (!fs.existsSync(binary)) fail(`${binary} is missing: run cargo build --release first`);
  if (!fs.existsSync(path.join(publicDir, PRINT_PAGE))) fail(`${publicDir}/${PRINT_PAGE} does not exist`);

  // 1. A content page on paper: only the page itself.
  const page = watch(await context.newPage());
  await page.goto(url(publicDir, CONTENT_PAGE));
  await page.emulateMedia({ media: 'print' });
  for (const [selector, what] of [
    ...SCREEN_ONLY,
    ['.kruimelpad', 'the breadcrumbs'],
    ['.toc', 'the table of contents'],
    ['.backlinks', 'the list of pages that link here'],
    ['a.anker', 'the heading anchors'],
  ]) {
    await hidden(page, selector, what, CONTENT_PAGE);
  }
  if (!(await page.locator('h1').isVisible())) fail(`the title of ${CONTENT_PAGE} is not visible on paper`);
  const colours = await page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]);
  if (colours[0] !== 'rgb(0, 0, 0)' || colours[1] !== 'rgb(255, 255, 255)') fail(`on paper the text is ${colours[0]} on ${colours[1]}`);
  const own = (await webLinks(page)).filter((l) => l.webadres);
  if (own.length === 0) fail(`${CONTENT_PAGE} has no link whose text is its address (class webadres)`);
  for (const link of own) {
    if (link.after !== 'none' && link.after !== 'normal') fail(`the address ${link.href} is printed twice: after it comes ${link.after}`);
  }
  ok(`${CONTENT_PAGE} on paper: black on white, no menu, search box, skip link, breadcrumbs, table of contents, backlinks, footer or print link; ${own.length} link(s) whose text is the address are not repeated`);

  // 2. A web address is printed after its link, on a page and in the handbook; an internal link gets nothing.
  const linkSite = buildLinkSite(siteDir);
  for (const rel of ['artikelen/links.html', PRINT_PAGE]) {
    await page.goto(url(linkSite, rel));
    await page.emulateMedia({ media: 'print' });
    const links = await webLinks(page);
    for (const href of ['https://www.nji.nl/thema', 'https://example.org/bron']) {
      const link = links.find((l) => l.href === href);
      if (!link) fail(`${rel} of the fixture site has no link to ${href}`);
      if (link.after !== `" (${href})"`) fail(`on paper ${href} is not printed after "${link.text}" on ${rel}: ${link.after}`);
    }
    const bare = links.find((l) => l.href === 'https://example.org/adres');
    if (!bare || !bare.webadres || bare.after !== 'none') fail(`on ${rel} the link written as its address is printed twice: ${JSON.stringify(bare)}`);
    const internal = await page.evaluate(() => {
      const a = document.querySelector('main a[href]:not([href^="http"])');
      return a && getComputedStyle(a, '::after').content;
    });
    if (internal && internal !== 'none' && internal !== 'normal') fail(`on ${rel} an internal link gets ${internal} after it`);
  }
  ok('a web address is printed after its link text on a page and in the handbook; an address written as the link text is not printed twice, internal links get nothing');

  // 3. The whole handbook on paper: no navigation, every chapter on a new sheet, every link inside the document.
  await page.goto(url(publicDir, PRINT_PAGE));
  await page.emulateMedia({ media: 'print' });
  for (const [selector, what] of SCREEN_ONLY) await hidden(page, selector, what, PRINT_PAGE);
  const chapters = await page.evaluate(() => [...document.querySelectorAll('.hoofdstuk')].map((c) => ({
    id: c.id,
    breakBefore: getComputedStyle(c).breakBefore,
  })));
  if (chapters.length < 3) fail(`${PRINT_PAGE} has ${chapters.length} chapters`);
  const unbroken = chapters.filter((c) => c.breakBefore !== 'page');
  if (unbroken.length) fail(`chapters that do not start on a new sheet: ${unbroken.map((c) => `${c.id} (${c.breakBefore})`).join(', ')}`);
  const broken = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
    .map((a) => a.getAttribute('href').slice(1))
    .filter((id) => !document.getElementById(decodeURIComponent(id))));
  if (broken.length) fail(`links within ${PRINT_PAGE} to ids it does not have: ${broken.slice(0, 5).join(', ')}`);
  const duplicates = await page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  if (duplicates.length) fail(`ids that occur twice in ${PRINT_PAGE}: ${duplicates.slice(0, 5).join(', ')}`);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = pdfPages(pdf);
  if (pages < Math.max(MIN_PDF_PAGES, chapters.length + 1)) fail(`${PRINT_PAGE} prints to a PDF of ${pages} pages`);
  ok(`${PRINT_PAGE} on paper: no navigation; ${chapters.length} chapters, each with break-before: page; every in-document link finds its id, no id twice; Chromium prints it to a PDF of ${pages} pages (${Math.round(pdf.length / 1024)} KB)`);

  // 4. With JavaScript the "Afdrukken / PDF" link prints the page the reader is on, without leaving it.
  const printing = watch(await context.newPage());
  await printing.addInitScript(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  for (const rel of [CONTENT_PAGE, PRINT_PAGE]) {
    await printing.goto(url(publicDir, rel));
    const link = printing.locator('a[data-afdrukken]');
    if ((await link.count()) !== 1) fail(`${rel} has ${await link.count()} print links`);
    await link.click();
    await printing.waitForTimeout(200);
    const printed = await printing.evaluate(() => window.__printed);
    if (printed !== 1) fail(`clicking the print link on ${rel} called window.print ${printed} times`);
    if (printing.url() !== url(publicDir, rel)) fail(`clicking the print link on ${rel} went to ${printing.url()}`);
  }
  ok(`the print link calls window.print() and stays on the page (${CONTENT_PAGE}, ${PRINT_PAGE})`);

  // 5. Without JavaScript the link leads to the whole handbook.
  const plain = watch(await noScript.context.newPage());
  await plain.goto(url(publicDir, CONTENT_PAGE));
  await Promise.all([plain.waitForURL(/afdrukken\.html$/), plain.locator('a[data-afdrukken]').click()]);
  if (!(await plain.locator('.hoofdstuk').count())) fail('without JavaScript the print link does not lead to the handbook');
  ok('without JavaScript the print link opens afdrukken.html');

  if (errors.length) fail(`console or page errors, or failed requests: ${errors.join(' | ')}`);
  const away = [...outside, ...noScript.outside];
  if (away.length) fail(`requests that are not file://: ${away.join(', ')}`);
  ok('no console or page errors, no failed requests, every request file://');
  console.log(`PASS  the print view in the browser from ${publicDir} and a fixture site`);
} catch (e) {
  failed(e);
} finally {
  await close();
  await noScript.close();
  fs.rmSync(siteDir, { recursive: true, force: true });
}
