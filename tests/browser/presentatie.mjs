// Presentation mode in a real browser, opened from disk (file://) on a 1280×720 projector, as a trainer uses it:
// the meeting page presents as the meeting (title, programme, each practice example with its sections, each
// statement with its poll result revealed on the next key), stepped through with the keys a clicker sends; no
// slide overflows; Escape goes back to the page; ?presentatie opens it directly; printing gives one landscape
// slide per page. Then every practice example and a few other pages are stepped through for overflow.
//
//   node tests/browser/presentatie.mjs <public-dir> <meeting page>
//
// Exits non-zero with a message on the first thing that is not as a trainer would expect.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { fail, failed, launch } from './launch.mjs';

const [publicDir, meetingPage] = process.argv.slice(2);
if (!publicDir || !meetingPage) {
  console.error('usage: node tests/browser/presentatie.mjs <public-dir> <meeting page>');
  process.exit(2);
}
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const url = (rel) => pathToFileURL(path.resolve(publicDir, rel)).href;

/** What the trainer sees of the current slide, and whether anything on it lies outside the 1280×720 frame. */
async function current(page) {
  return page.evaluate(() => {
    const slide = document.querySelector('.presentatie .dia.actief');
    if (!slide) return null;
    const frame = slide.getBoundingClientRect();
    const outside = [];
    for (const el of slide.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      if (r.left < frame.left - 1 || r.top < frame.top - 1 || r.right > frame.right + 1 || r.bottom > frame.bottom + 1) {
        outside.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`);
      }
    }
    const body = slide.querySelector('.dia-inhoud');
    if (body.scrollHeight > body.clientHeight + 1) outside.push(`the slide's text is ${body.scrollHeight - body.clientHeight}px too tall`);
    if (frame.right > innerWidth + 1 || frame.bottom > innerHeight + 1) outside.push('the slide is larger than the screen');
    const heading = slide.querySelector('.dia-kop h1, .dia-kop h2');
    const kicker = slide.querySelector('.dia-kop .dia-soort');
    const statement = slide.querySelector('.dia-stelling-tekst');
    const reveal = slide.querySelector('.dia-onthul');
    return {
      title: (heading ? heading.textContent : statement ? statement.textContent : '').trim(),
      kicker: kicker ? kicker.textContent.trim() : '',
      number: slide.querySelector('.dia-nummer').textContent.trim(),
      progress: slide.querySelector('.dia-voortgang > span').style.width,
      revealed: reveal ? getComputedStyle(reveal.firstElementChild).visibility !== 'hidden' : null,
      outside,
    };
  });
}

const total = (s) => Number(s.number.split('/')[1]);
const at = (s) => Number(s.number.split('/')[0]);

/** Steps through every slide from the first with the given keys in turn; returns what each showed. */
async function stepThrough(page, keys, where) {
  const seen = [];
  let s = await current(page);
  if (!s) fail(`${where}: presentation mode did not open`);
  for (let guard = 0; guard < 400; guard++) {
    if (s.outside.length) fail(`${where}: slide ${s.number} "${s.title}" overflows the 1280×720 frame: ${s.outside.join('; ')}`);
    seen.push(s);
    if (at(s) === total(s) && s.revealed !== false) return seen;
    const before = s;
    await page.keyboard.press(keys[guard % keys.length]);
    s = await current(page);
    if (s.number === before.number && s.revealed === before.revealed) {
      fail(`${where}: ${keys[guard % keys.length]} on slide ${s.number} did nothing`);
    }
  }
  fail(`${where}: more than 400 steps`);
}

const { context, outside, close } = await launch('presentatie', { viewport: { width: 1280, height: 720 } });
const errors = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kennisbank-presentatie-'));
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  // What the meeting page itself says it holds: the deck must follow it.
  await page.goto(url(meetingPage));
  const pageTitle = (await page.locator('.pagina-kop h1').innerText()).trim();
  const examples = (await page.locator('.gepresenteerd .item-titel').allInnerTexts()).map((t) => t.trim());
  const statements = (await page.locator('.stelling-tekst').allInnerTexts()).map((t) => t.trim().replace(/^“|”$/g, ''));
  if (examples.length < 2 || statements.length < 2) fail(`${meetingPage} lists ${examples.length} examples and ${statements.length} statements`);

  const button = page.getByRole('button', { name: 'Presenteren' });
  if (!(await button.isVisible())) fail('the page has no visible "Presenteren" button');
  await button.click();
  await page.keyboard.press('Home');
  const slides = await stepThrough(page, ['ArrowRight', ' ', 'PageDown', 'ArrowDown'], meetingPage);

  // The order: title, programme, each example (its summary, then how it works, what it yields, tips), statements.
  const titles = slides.map((s) => s.title.replace(/\s*\(vervolg\)$/, ''));
  if (titles[0] !== pageTitle) fail(`the first slide is "${titles[0]}", not the meeting's title "${pageTitle}"`);
  if (titles[1] !== 'Programma') fail(`the second slide is "${titles[1]}", not the programme`);
  let from = 2;
  for (const [i, example] of examples.entries()) {
    const start = titles.indexOf(example, from);
    if (start < 0) fail(`no slide for practice example "${example}" after slide ${from}`);
    if (slides[start].kicker !== `Praktijkvoorbeeld ${i + 1} van ${examples.length}`) {
      fail(`the slide of "${example}" says "${slides[start].kicker}"`);
    }
    const own = slides.slice(start + 1).filter((s) => s.kicker === example).map((s) => s.title);
    for (const section of ['Hoe werkt het', 'Wat levert het op', 'Tips']) {
      if (!own.some((t) => t.startsWith(section))) fail(`"${example}" has no slide "${section}…" (has: ${own.join(' | ')})`);
    }
    from = start + 1;
  }
  const statementSlides = slides.filter((s) => /^Stelling \d+ van \d+$/.test(s.kicker));
  const shown = [...new Set(statementSlides.map((s) => s.title))];
  if (shown.join('\n') !== statements.join('\n')) fail(`the statement slides are ${JSON.stringify(shown)}, the page has ${JSON.stringify(statements)}`);
  const firstStatement = statementSlides[0];
  const revealedNext = statementSlides[1];
  if (firstStatement.revealed !== false || revealedNext.revealed !== true || firstStatement.number !== revealedNext.number) {
    fail('a statement\'s result is not hidden first and revealed on the next key on the same slide');
  }
  if (titles.indexOf(statements[0]) < titles.lastIndexOf(examples[examples.length - 1])) fail('the statements do not come after the examples');
  const last = slides[slides.length - 1];
  if (parseFloat(last.progress) !== 100) fail(`the last slide's progress bar is ${last.progress}`);

  // The open presentation is accessible (axe, WCAG 2.0/2.1 A and AA), on a statement with its result shown.
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'], preload: false });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  if (violations.length) fail(`the open presentation has accessibility violations: ${violations.join(' | ')}`);

  // Back and forth as a clicker and a keyboard do it.
  await page.keyboard.press('Home');
  if ((await current(page)).number !== `1 / ${total(last)}`) fail('Home does not go to the first slide');
  await page.keyboard.press('End');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowLeft');
  if ((await current(page)).number !== `${total(last) - 2} / ${total(last)}`) fail('End, PageUp, ArrowLeft do not end two before the last slide');
  if (!page.url().endsWith(`#dia-${total(last) - 2}`)) fail(`the address ${page.url()} does not keep the slide number`);

  // Escape: back to the page, focus on the button.
  await page.keyboard.press('Escape');
  if (await page.locator('.presentatie').count()) fail('Escape does not end presentation mode');
  if (!(await page.locator('.pagina-kop h1').isVisible())) fail('after Escape the page is not visible');
  if (!(await page.evaluate(() => document.activeElement && document.activeElement.matches('[data-presenteren]')))) {
    fail('after Escape the focus is not back on the "Presenteren" button');
  }

  // A link can open it directly, at a slide.
  await page.goto(`${url(meetingPage)}?presentatie#dia-3`);
  const direct = await current(page);
  if (!direct || direct.number !== `3 / ${total(last)}`) fail(`?presentatie#dia-3 opens ${direct ? direct.number : 'no presentation'}`);

  // Printing in presentation mode: one landscape slide per page.
  const pdf = path.join(tmp, 'dias.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  if (info.status !== 0) fail(`pdfinfo failed: ${info.stderr}`);
  const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info.stdout);
  if (pages !== total(last)) fail(`printing in presentation mode gave ${pages} pages for ${total(last)} slides`);
  if (!(Number(size[1]) > Number(size[2]))) fail(`the printed slides are not landscape: ${size[0]}`);
  const text = spawnSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' }).stdout;
  if (!text.includes('Programma')) fail(`page 2 of the printed slides does not show the programme: ${text.slice(0, 200)}`);

  // Every practice example, a workflow guide, a term and a list page: no slide overflows, every section a slide.
  await page.goto(url('praktijkvoorbeelden/index.html'));
  const others = await page.locator('.lijst .item-titel a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  others.push('../werkwijzen/index.html', '../begrippen/index.html', '../over-deze-kennisbank.html');
  let counted = 0;
  let continued = 0;
  for (const href of others) {
    const rel = path.join('praktijkvoorbeelden', href);
    await page.goto(`${url(rel)}?presentatie`);
    const headings = (await page.locator('.pagina-lijf .inhoud > h2').allInnerTexts()).map((t) => t.replace(/\s*#$/, '').trim());
    const seen = await stepThrough(page, ['ArrowRight', 'PageDown'], rel);
    const seenTitles = seen.map((s) => s.title.replace(/\s*\(vervolg\)$/, ''));
    let i = 0;
    for (const h of headings) {
      i = seenTitles.indexOf(h, i);
      if (i < 0) fail(`${rel}: the section "${h}" has no slide, or is out of order (${seenTitles.join(' | ')})`);
    }
    counted += seen.length;
    continued += seen.filter((s) => s.title.endsWith('(vervolg)')).length;
  }
  if (continued === 0) fail('no long section was split over more slides: the splitting was not exercised');

  if (errors.length) fail(`console or page errors: ${errors.join(' | ')}`);
  if (outside.length) fail(`requests left the machine: ${outside.join(', ')}`);
  console.log(`PASS  presentation of ${meetingPage}: ${total(last)} slides in order (${examples.length} examples, ${statements.length} statements), none overflows 1280×720, no axe violations; keys, Escape, ?presentatie and printing (${pages} landscape pages) work; ${others.length} other pages, ${counted} slides (${continued} continued), none overflows`);
} catch (e) {
  failed(e);
} finally {
  await close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
