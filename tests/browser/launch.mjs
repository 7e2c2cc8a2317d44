// What the browser tests share: Debian's Chromium, headless, with a fresh profile and no way off the machine,
// and a `fail` that reports and stops the test.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Prints a failure, marks the process failed and throws, so the test's `finally` cleans up. */
export function fail(message) {
  console.error(`FAIL  ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

/**
 * Starts Chromium with a fresh profile in a temporary folder named after `name`. Any request for the network
 * is aborted and recorded in `outside`, except what `allow` matches (a local server under test). `close()` stops
 * the browser and removes the profile. `options` are further options of the browser context, e.g.
 * `{ javaScriptEnabled: false }`.
 */
export async function launch(name, options = {}, allow = null) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kennisbank-${name}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...options,
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const outside = [];
  await context.route(/^(https?|wss?|ftp):/i, (route) => {
    if (allow && allow.test(route.request().url())) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  return {
    context,
    outside,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** For a test's `catch`: reports an error that `fail` did not already report. */
export function failed(error) {
  if (!process.exitCode) {
    console.error(`FAIL  ${error.message}`);
    process.exitCode = 1;
  }
}
