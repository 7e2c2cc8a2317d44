#!/usr/bin/env node
// Benchmark of the site's own search (not a test): what a query loads, how fast it answers, and how big the
// search files are beside the site's HTML.
//
//   node bench/search.mjs <site-folder> [--queries "q1" "q2" ...] [--runs N]
//
// <site-folder> is a build's output (public/). For each query it opens the engine afresh (an empty cache, as
// a reader's first search) and counts the files and bytes it loads to show the first 10 results with their
// snippets; then, after 20 warm-up runs, it repeats the query `--runs` times (default 200) and reports the
// median and 95th percentile of the answer time. Prints JSON on stdout and a table on stderr.

import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openSite } from "../tests/client_search.mjs";

// The queries of bench/pagefind.mjs, so the two can be compared.
const DEFAULT_QUERIES = [
  "leerling",
  "verzuim ouders",
  "signalen verzuim",
  "intern begeleider",
  "jeugdverpleegkundige",
  "centrum voor jeugd en gezin",
  "huisbezoek school",
];

function parseArgs(argv) {
  const args = { queries: null, runs: 200, site: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") args.runs = Number(argv[++i]);
    else if (argv[i] === "--queries") {
      args.queries = [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) args.queries.push(argv[++i]);
    } else args.site = argv[i];
  }
  if (!args.site) {
    console.error('usage: node bench/search.mjs <site-folder> [--queries "q1" ...] [--runs N]');
    process.exit(2);
  }
  args.queries = args.queries || DEFAULT_QUERIES;
  return args;
}

function sizeOf(folder, filter) {
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    if (filter(full)) {
      bytes += fs.statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const zoek = path.join(args.site, "zoek");
  const html = sizeOf(args.site, (f) => f.endsWith(".html"));
  const index = sizeOf(zoek, () => true);
  const report = {
    site: path.resolve(args.site),
    html_bytes: html.bytes,
    html_files: html.files,
    index_bytes: index.bytes,
    index_files: index.files,
    index_share_of_html: index.bytes / html.bytes,
    queries: [],
  };
  for (const query of args.queries) {
    const site = openSite(args.site);
    const first = await site.search(query, { limit: 10 });
    const loaded = { ...site.loaded, names: [...site.loaded.names] };
    const engineBytes = ["zoek.js", "index.js"]
      .map((f) => fs.statSync(path.join(zoek, f)).size)
      .reduce((a, b) => a + b, 0);
    // Warm: the data loaded and the code compiled, as after a reader's first few keystrokes.
    for (let i = 0; i < 20; i++) await site.engine.search(query, { limit: 10 });
    const times = [];
    for (let i = 0; i < args.runs; i++) {
      const start = performance.now();
      await site.engine.search(query, { limit: 10 });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    report.queries.push({
      query,
      results: first.total,
      bytes: loaded.bytes,
      engine_bytes: engineBytes,
      data_bytes: loaded.bytes - engineBytes,
      files: loaded.files,
      warm_ms_median: percentile(times, 50),
      warm_ms_p95: percentile(times, 95),
      top: first.results.slice(0, 5).map((r) => r.title),
      loaded: loaded.names,
    });
  }
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.error(
    `HTML ${kb(html.bytes)} KB in ${html.files} files; search files ${kb(index.bytes)} KB in ${index.files} files ` +
      `(${(100 * report.index_share_of_html).toFixed(1)}% of the HTML)`
  );
  console.error("query                           results  loaded KB (engine + data)  files  warm ms p50 / p95");
  for (const q of report.queries) {
    console.error(
      `${q.query.padEnd(32)}${String(q.results).padStart(7)}  ${kb(q.bytes)} (${kb(q.engine_bytes)} +${kb(q.data_bytes)})` +
        `${String(q.files).padStart(7)}  ${q.warm_ms_median.toFixed(2).padStart(6)} / ${q.warm_ms_p95.toFixed(2)}`
    );
  }
}

main().catch((e) => {
  console.error(`search benchmark: ${e.stack || e.message}`);
  process.exit(1);
});
