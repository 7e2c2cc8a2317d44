#!/usr/bin/env node
// Browser check for a built kennisbank site.
//
//   node tests/browser/check.mjs <public-dir> <relative-page> [<relative-page> ...]
//
// For every page: open it from disk (file://) in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; nothing is downloaded), then report
//   - console errors and uncaught page errors,
//   - failed requests (a missing stylesheet, script, image ...) and ANY request whose URL is not
//     file:// (the site must make no network requests; data:/blob:/about: are not network),
//   - horizontal scroll at a 390px-wide viewport (scrollWidth > innerWidth),
//   - axe-core violations of WCAG 2.0/2.1 A and AA.
// Exit code: 0 when every page is clean, 1 when any page has a problem, 2 on a usage error.
//
// Environment: CHROMIUM (default /usr/bin/chromium), CHECK_TIMEOUT_MS (default 30000).

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.CHECK_TIMEOUT_MS || 30000);
const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 390, height: 844 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TARGETS = 3;
const ALLOWED_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: node tests/browser/check.mjs <public-dir> <relative-page> [<relative-page> ...]');
  process.exit(2);
}

const [publicDirArg, ...pages] = process.argv.slice(2);
if (!publicDirArg || pages.length === 0) usage();
const publicDir = path.resolve(publicDirArg);
if (!fs.existsSync(publicDir) || !fs.statSync(publicDir).isDirectory()) usage(`not a folder: ${publicDir}`);
if (!fs.existsSync(CHROMIUM)) usage(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);

function scheme(url) {
  try {
    return new URL(url).protocol;
  } catch {
    return '(invalid URL)';
  }
}

function short(url) {
  const prefix = pathToFileURL(publicDir).href + '/';
  return url.startsWith(prefix) ? url.slice(prefix.length) : url;
}

async function checkPage(context, rel) {
  const problems = []; // {kind, text}
  const file = path.resolve(publicDir, rel);
  if (!fs.existsSync(file)) {
    problems.push({ kind: 'missing page', text: `${file} does not exist` });
    return { rel, problems, violations: [] };
  }
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewportSize(DESKTOP);

  const seenNetwork = new Set();
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${short(loc.url)}${loc.lineNumber ? ':' + loc.lineNumber : ''})` : '';
      problems.push({ kind: 'console error', text: msg.text() + where });
    }
  });
  page.on('pageerror', (err) => {
    problems.push({ kind: 'page error', text: String(err && err.stack ? err.stack.split('\n')[0] : err) });
  });
  page.on('request', (req) => {
    const s = scheme(req.url());
    if (!ALLOWED_SCHEMES.has(s) && !seenNetwork.has(req.url())) {
      seenNetwork.add(req.url());
      problems.push({ kind: 'network request', text: `${req.method()} ${req.url()} (${req.resourceType()})` });
    }
  });
  page.on('requestfailed', (req) => {
    if (seenNetwork.has(req.url())) return; // already reported as a network request (and aborted)
    const f = req.failure();
    problems.push({ kind: 'failed request', text: `${short(req.url())} (${req.resourceType()}): ${f ? f.errorText : 'failed'}` });
  });
  page.on('response', (res) => {
    const st = res.status();
    if (st >= 400) problems.push({ kind: 'failed request', text: `${short(res.url())}: HTTP ${st}` });
  });

  let violations = [];
  try {
    const res = await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT });
    if (!res) problems.push({ kind: 'failed request', text: `no response for ${rel}` });
    // Let deferred scripts, fonts and one animation frame settle.
    await page.evaluate(() => (document.fonts ? document.fonts.ready : null)).catch(() => {});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));

    // Accessibility: axe-core, WCAG 2.0/2.1 A + AA.
    await page.addScriptTag({ path: AXE_PATH });
    const result = await page.evaluate(
      async (tags) => {
        // eslint-disable-next-line no-undef
        // preload: false — under file:// every stylesheet is cross-origin to axe, and its XHR preload
        // of the CSSOM would fail and be reported as a failed request that the site did not make.
        const r = await axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
          preload: false,
        });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          count: v.nodes.length,
          targets: v.nodes.map((n) => n.target.map(String).join(' ')),
        }));
      },
      AXE_TAGS,
    );
    violations = result;

    // Reflow: no horizontal scroll at 390px.
    await page.setViewportSize(MOBILE);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const scroll = await page.evaluate(() => {
      const se = document.scrollingElement || document.documentElement;
      const iw = window.innerWidth;
      const out = { scrollWidth: se.scrollWidth, innerWidth: iw, culprits: [] };
      if (se.scrollWidth > iw) {
        const describe = (el) => {
          let s = el.tagName.toLowerCase();
          if (el.id) s += '#' + el.id;
          else if (el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
          return s;
        };
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > iw + 1) {
            // Only report the outermost offenders: skip when the parent also overflows.
            const p = el.parentElement;
            const pr = p ? p.getBoundingClientRect() : null;
            if (pr && pr.right > iw + 1 && p !== document.body) continue;
            out.culprits.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
            if (out.culprits.length >= 5) break;
          }
        }
      }
      return out;
    });
    if (scroll.scrollWidth > scroll.innerWidth) {
      problems.push({
        kind: 'horizontal scroll',
        text: `at ${MOBILE.width}px: scrollWidth ${scroll.scrollWidth} > innerWidth ${scroll.innerWidth}` +
          (scroll.culprits.length ? `; widest: ${scroll.culprits.join(', ')}` : ''),
      });
    }
  } catch (err) {
    problems.push({ kind: 'check error', text: String(err && err.message ? err.message.split('\n')[0] : err) });
  } finally {
    await page.close().catch(() => {});
  }
  return { rel, problems, violations };
}

async function main() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kennisbank-chromium-'));
  let context;
  const cleanup = () => {
    try {
      fs.rmSync(userDataDir, { recursive: true, force: true });
    } catch {}
  };
  process.on('SIGINT', () => { cleanup(); process.exit(130); });
  process.on('SIGTERM', () => { cleanup(); process.exit(143); });

  const reports = [];
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
      viewport: DESKTOP,
      timeout: TIMEOUT * 2,
    });
    // Belt and braces: never let a request leave the machine. Aborted requests are reported above.
    await context.route(/^(https?|wss?|ftp):/i, (route) => route.abort('blockedbyclient'));

    console.log(`Browser check of ${pages.length} page(s) in ${publicDir}`);
    for (const rel of pages) {
      const r = await checkPage(context, rel);
      reports.push(r);
      const ok = r.problems.length === 0 && r.violations.length === 0;
      console.log('');
      console.log(`${ok ? 'PASS' : 'FAIL'}  ${rel}`);
      for (const p of r.problems) console.log(`  - ${p.kind}: ${p.text}`);
      for (const v of r.violations) {
        const shown = v.targets.slice(0, MAX_TARGETS).join('  |  ');
        const more = v.count > MAX_TARGETS ? `  (+${v.count - MAX_TARGETS} more)` : '';
        console.log(`  - axe ${v.id} [${v.impact}]: ${v.help}`);
        console.log(`      ${v.count} element(s): ${shown}${more}`);
        console.log(`      ${v.helpUrl}`);
      }
    }
  } finally {
    if (context) await context.close().catch(() => {});
    cleanup();
  }

  const failed = reports.filter((r) => r.problems.length || r.violations.length);
  console.log('');
  if (failed.length) console.log(`Failing pages: ${failed.map((r) => r.rel).join(', ')}`);
  console.log(`${reports.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((err) => {
  console.error(`check.mjs: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
