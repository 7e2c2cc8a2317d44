// The reading path in a real browser, opened from disk (file://), as a new SMW'er uses it:
// tick a step, reload, the tick is still there; the home page shows how far the reader is; nothing is sent anywhere.
//
//   node tests/browser/leerroute.mjs <public-dir> <leerroute page> 
//
// Exits non-zero with a message on the first thing that is not as a reader would expect.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail, failed, launch } from './launch.mjs';

const [publicDir, routePage] = process.argv.slice(2);
if (!publicDir || !routePage) {
  console.error('usage: node tests/browser/leerroute.mjs <public-dir> <leerroute page>');
  process.exit(2);
}
const url = (rel) => pathToFileURL(path.resolve(publicDir, rel)).href;


const { context, outside, close } = await launch('leerroute');
const errors = [];
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  await page.goto(url(routePage));
  const boxes = page.locator('input[type=checkbox][data-stap]');
  const total = await boxes.count();
  if (total < 2) fail(`${routePage} shows ${total} step checkboxes`);
  if (await boxes.nth(0).isChecked()) fail('a fresh reader starts with the first step ticked');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.reload();
  if (!(await boxes.nth(0).isChecked()) || !(await boxes.nth(1).isChecked())) {
    fail('the ticked steps are not ticked after a reload');
  }
  if (await boxes.nth(2).isChecked()) fail('a step that was not ticked is ticked after a reload');
  const onRoute = await page.locator('.leerroute .voortgang-tekst').innerText();
  if (!onRoute.includes(`2 van ${total}`)) fail(`the reading path says "${onRoute}", expected "2 van ${total}"`);

  await page.goto(url('index.html'));
  const home = page.locator('[data-leerroute-voortgang] .voortgang-tekst').first();
  const onHome = await home.innerText();
  if (!onHome.includes(`2 van ${total}`)) fail(`the home page says "${onHome}", expected "2 van ${total}"`);

  // Untick one: the home page follows.
  await page.goto(url(routePage));
  await boxes.nth(1).uncheck();
  await page.goto(url('index.html'));
  const after = await home.innerText();
  if (!after.includes(`1 van ${total}`)) fail(`after unticking, the home page says "${after}"`);

  if (errors.length) fail(`console or page errors: ${errors.join(' | ')}`);
  if (outside.length) fail(`requests left the machine: ${outside.join(', ')}`);
  console.log(`PASS  reading path ${routePage}: progress kept across reloads and shown on the home page ("${after.trim()}")`);
} catch (e) {
  failed(e);
} finally {
  await close();
}
