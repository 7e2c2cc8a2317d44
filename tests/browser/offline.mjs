// The offline bundle as a trainer uses it at a venue without Wi-Fi: `kennisbank export offline` of the bundled
// site, unzipped into a fresh folder, opened from disk (file://) at START-HIER.html. It must land on the home page;
// the header's search box must find a known page; the glossary and a practice example must open; and there must be
// no console error, no failed request and no request off the machine. Runs in Chromium (playwright-core) and, when
// asked, in Firefox ESR (puppeteer-core over WebDriver BiDi), where pages from disk may not fetch files at all.
//
//   node tests/browser/offline.mjs [chromium] [firefox]      (both when none is named)
//
// Needs target/release/kennisbank (cargo build --release). Exits non-zero with a message on the first thing that
// is not as a trainer would expect.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fail, failed, launch } from './launch.mjs';

const browsers = process.argv.slice(2);
if (browsers.length === 0) browsers.push('chromium', 'firefox');
if (browsers.some((b) => b !== 'chromium' && b !== 'firefox')) {
  console.error('usage: node tests/browser/offline.mjs [chromium] [firefox]');
  process.exit(2);
}
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = path.join(repo, 'target/release/kennisbank');

// A word of the bundled content that the search finds (in its plural), and the page it must rank first.
const QUERY = 'thuiszitters';
const EXPECTED = 'Thuiszitter';
const GLOSSARY = 'website/begrippen/index.html';
const MEETING = 'website/bijeenkomsten/themabijeenkomst-sterk-in-preventie-2017.html';
const EXAMPLE = 'website/praktijkvoorbeelden/den-bosch-brugfunctie.html';

const ok = (message) => console.log(`ok    ${message}`);

/** Exports the bundled site and unzips it into a fresh folder; returns that folder. */
function unzippedBundle(dir) {
  if (!fs.existsSync(binary)) fail(`${binary} is missing: run cargo build --release first`);
  const zip = path.join(dir, 'kennisbank-offline.zip');
  try {
    execFileSync(binary, ['--site', repo, 'export', 'offline', '--out', zip], { stdio: 'pipe' });
  } catch (e) {
    fail(`the export of the bundled site failed: ${e.stderr || e.message}`);
  }
  const stick = path.join(dir, 'usb-stick');
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, stick]);
  return stick;
}

/**
 * The checks, written once for both drivers: `page` offers goto, url, title, text(selector),
 * count(selector), type(selector, text), press(selector, key), waitFor(fn, arg) and clickLink(selector).
 */
async function checks(name, page, stick) {
  const url = (rel) => pathToFileURL(path.join(stick, rel)).href;

  await page.goto(url('START-HIER.html'));
  await page.waitFor((home) => location.href === home && document.readyState === 'complete', url('website/index.html'));
  const title = await page.title();
  if (!title.includes('Kennisbank schoolmaatschappelijk werk')) fail(`${name}: the home page's title is "${title}"`);
  ok(`${name}: START-HIER.html opens the home page (${title})`);

  // The header box leads to the search page, which must load its index from disk and show results.
  await page.type('header form[role=search] input[name=q]', QUERY);
  await page.press('header form[role=search] input[name=q]', 'Enter');
  try {
    await page.waitFor(
      (q) => location.pathname.endsWith('/zoeken.html')
        && (document.querySelector('.zoekstatus')?.textContent || '').includes(`‘${q}’`),
      QUERY,
    );
  } catch {
    fail(`${name}: searching for "${QUERY}" shows "${await page.text('.zoekstatus').catch(() => '?')}" at ${await page.url()}`);
  }
  const status = await page.text('.zoekstatus');
  const titles = await page.texts('.zoekresultaten .item-titel a');
  if (!/^\d+ resulta(at|ten) voor/.test(status) || titles.length === 0) {
    fail(`${name}: searching for "${QUERY}" says "${status}" with ${titles.length} results`);
  }
  if (titles[0] !== EXPECTED) fail(`${name}: the first result for "${QUERY}" is not "${EXPECTED}": ${titles.join(' | ')}`);
  ok(`${name}: the search from disk finds ${titles.length} pages for "${QUERY}" ("${status}")`);

  // A result opens its page.
  await page.clickLink('.zoekresultaten .item-titel a');
  await page.waitFor(() => !location.pathname.endsWith('/zoeken.html') && document.readyState === 'complete');
  if ((await page.count('main h1')) !== 1) fail(`${name}: the first result, ${await page.url()}, has no heading`);
  const opened = await page.text('main h1');
  if (opened !== EXPECTED) fail(`${name}: the first result opens "${opened}"`);
  ok(`${name}: the first result opens (${opened})`);

  await page.goto(url(GLOSSARY));
  const terms = await page.count('main a[href$=".html"]');
  if (terms < 20) fail(`${name}: the glossary lists ${terms} links`);
  ok(`${name}: the glossary opens with ${terms} links`);

  await page.goto(url(EXAMPLE));
  const heading = await page.text('main h1');
  if (!heading) fail(`${name}: the practice example has no heading`);
  // A glossary term in the text leads to its page in the bundle.
  const term = await page.count('main a.begrip');
  if (term === 0) fail(`${name}: the practice example marks no glossary terms`);
  ok(`${name}: the practice example opens ("${heading}", ${term} glossary terms)`);

  // Presentation mode from disk: a link with ?presentatie opens the meeting as slides; a clicker's key goes on.
  await page.goto(`${url(MEETING)}?presentatie`);
  await page.waitFor(() => document.querySelector('.presentatie .dia.actief .dia-nummer'));
  const first = await page.text('.presentatie .dia.actief .dia-nummer');
  await page.press('.dia-podium', 'PageDown');
  await page.waitFor(() => /^2 \//.test(document.querySelector('.presentatie .dia.actief .dia-nummer').textContent));
  const second = await page.text('.presentatie .dia.actief .dia-kop h2');
  if (!/^1 \/ \d+$/.test(first) || second !== 'Programma') fail(`${name}: presentation mode shows "${first}", then "${second}"`);
  ok(`${name}: presentation mode opens the meeting (${first}) and PageDown shows the programme`);
}

/** Chromium through playwright-core, with launch.mjs's fresh profile and network guard. */
async function chromium(stick) {
  const { context, outside, close } = await launch('offline');
  const errors = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
    page.on('request', (r) => { if (!r.url().startsWith('file:')) outside.push(r.url()); });
    page.on('requestfailed', (r) => errors.push(`failed request: ${r.url()} (${r.failure()?.errorText})`));
    await checks('chromium', {
      goto: (u) => page.goto(u),
      url: async () => page.url(),
      title: () => page.title(),
      text: (s) => page.locator(s).first().innerText(),
      texts: (s) => page.locator(s).allInnerTexts(),
      count: (s) => page.locator(s).count(),
      type: (s, t) => page.locator(s).pressSequentially(t),
      press: (s, k) => page.locator(s).press(k),
      waitFor: (fn, arg) => page.waitForFunction(fn, arg, { timeout: 10000 }),
      clickLink: (s) => page.locator(s).first().click(),
    }, stick);
    if (errors.length) fail(`chromium: ${errors.join(' | ')}`);
    if (outside.length) fail(`chromium: requests left the machine: ${outside.join(', ')}`);
    console.log('PASS  offline bundle in Chromium');
  } finally {
    await close();
  }
}

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi, with a fresh profile. WebDriver's recommended
 * preferences and puppeteer's profile both relax file:// security (remote.prefs.recommended,
 * security.fileuri.strict_origin_policy); both are set back, so that the page gets Firefox's own rules for files,
 * as a trainer's Firefox does, and a check proves it: a page from disk may not fetch.
 */
async function firefox(stick) {
  let puppeteer;
  try {
    puppeteer = (await import('puppeteer-core')).default;
  } catch {
    fail('puppeteer-core is not installed in tests/browser (npm ci there)');
  }
  const executablePath = '/usr/bin/firefox-esr';
  if (!fs.existsSync(executablePath)) fail(`${executablePath} is missing (apt-get install firefox-esr)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kennisbank-offline-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'remote.prefs.recommended': false,
      // puppeteer's own profile gives every file access to every other one; Firefox's default does not.
      'security.fileuri.strict_origin_policy': true,
      'network.proxy.type': 0,
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const errors = [];
  const outside = [];
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
    page.on('requestfailed', (r) => errors.push(`failed request: ${r.url()} (${r.failure()?.errorText})`));
    await page.setRequestInterception(true);
    // As launch.mjs does for Chromium: what could leave the machine is aborted and recorded. (Firefox asks for
    // data: URLs of its own, such as a font of its built-in styles; they never leave the machine.)
    page.on('request', (r) => {
      if (!/^(https?|wss?|ftp):/i.test(r.url())) return r.continue();
      outside.push(r.url());
      return r.abort();
    });
    // The guard that the automation did not relax file:// rules: Firefox's own forbid a page from disk to fetch
    // another file. (On a page of its own: the refusal is logged as an error.)
    const guard = await browser.newPage();
    await guard.goto(pathToFileURL(path.join(stick, 'START-HIER.html')).href);
    const fetched = await guard.evaluate(() => fetch('website/zoek/index.js').then(() => 'allowed', () => 'blocked'));
    if (fetched !== 'blocked') fail(`firefox: a page from disk may fetch files (${fetched}): file:// rules are relaxed`);
    await guard.close();
    await checks('firefox', {
      goto: (u) => page.goto(u, { waitUntil: 'load' }),
      url: async () => page.url(),
      title: () => page.title(),
      text: (s) => page.$eval(s, (e) => e.innerText),
      texts: (s) => page.$$eval(s, (es) => es.map((e) => e.innerText)),
      count: (s) => page.$$eval(s, (es) => es.length),
      type: (s, t) => page.type(s, t),
      press: (s, k) => page.focus(s).then(() => page.keyboard.press(k)),
      waitFor: (fn, arg) => page.waitForFunction(fn, { timeout: 10000, polling: 100 }, arg),
      clickLink: (s) => page.$eval(s, (a) => a.click()),
    }, stick);
    if (errors.length) fail(`firefox: ${errors.join(' | ')}`);
    if (outside.length) fail(`firefox: requests left the machine: ${outside.join(', ')}`);
    console.log('PASS  offline bundle in Firefox');
  } finally {
    await browser.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kennisbank-offline-'));
try {
  const stick = unzippedBundle(dir);
  for (const name of browsers) {
    if (name === 'chromium') await chromium(stick);
    else await firefox(stick);
  }
} catch (e) {
  failed(e);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
