#!/usr/bin/env node
// Runs the site's own search (the shipped zoek/zoek.js of a built site) in Node.js and prints its results as
// JSON, with the same fields as `kennisbank search --json`.
//
//   node tests/client_search.mjs <site-folder> "<query>" [--type T] [--onderwijstype O] [--thema T]
//                                [--limit N] [--prefix] [--stats]
//
// <site-folder> is a build's output (e.g. public/). --prefix treats the last word as still being typed;
// --stats prints the files and bytes the query loaded on stderr.
//
// For tests, two batch modes read a JSON array on stdin and print a JSON array:
//   node tests/client_search.mjs <site-folder> --batch     [{query, options}, ...] -> [{results, total}, ...]
//   node tests/client_search.mjs <site-folder> --analyse   ["text", ...] -> [[{whole, parts}, ...], ...]
//
// As a module: `openSite(folder)` gives {search(query, options), loaded} for tests and benchmarks.

import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

/** Loads a site's search engine in a fresh context that reads its data files from disk. */
export function openSite(folder) {
  const dir = path.join(folder, "zoek");
  const engineFile = path.join(dir, "zoek.js");
  if (!fs.existsSync(engineFile)) {
    throw new Error(`${engineFile} does not exist: build the site first (kennisbank build)`);
  }
  const loaded = { files: 0, bytes: 0, names: [] };
  const context = vm.createContext({
    atob, console, Blob, Response, DecompressionStream, TextDecoder,
  });
  const run = (file) => {
    const code = fs.readFileSync(file, "utf8");
    loaded.files += 1;
    loaded.bytes += Buffer.byteLength(code);
    loaded.names.push(path.relative(dir, file));
    vm.runInContext(code, context, { filename: file });
  };
  context.KennisbankSearch = {
    base: dir + path.sep,
    loader: async (name) => run(path.join(dir, `${name}.js`)),
  };
  context.globalThis = context;
  run(engineFile);
  const engine = context.KennisbankSearch;
  return {
    engine,
    loaded,
    /** Forgets what was loaded, for counting one query's bytes (the engine keeps its own cache). */
    resetCount() {
      loaded.files = 0;
      loaded.bytes = 0;
      loaded.names = [];
    },
    async search(query, options = {}) {
      const answer = await engine.search(query, options);
      // Plain objects, out of the vm context, for JSON and deepEqual.
      return JSON.parse(JSON.stringify(answer));
    },
  };
}

function parseArgs(argv) {
  const options = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--prefix") options.prefix = true;
    else if (arg === "--batch") options.batch = true;
    else if (arg === "--analyse") options.analyse = true;
    else if (arg === "--stats") options.stats = true;
    else if (["--type", "--onderwijstype", "--thema", "--limit"].includes(arg)) {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else rest.push(arg);
  }
  if (options.limit !== undefined) {
    options.limit = Number(options.limit);
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new Error("--limit must be a whole number of at least 1");
  }
  return { options, rest };
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`client_search: ${e.message}`);
    process.exit(2);
  }
  const { options, rest } = parsed;
  if ((options.batch || options.analyse) && rest.length === 1) {
    const site = openSite(rest[0]);
    const input = JSON.parse(fs.readFileSync(0, "utf8"));
    const out = [];
    for (const item of input) {
      if (options.batch) out.push(await site.search(item.query, item.options || {}));
      else {
        const words = await site.engine.analyse(item);
        out.push(words.map((w) => ({ whole: Array.from(w.whole), parts: Array.from(w.parts) })));
      }
    }
    process.stdout.write(JSON.stringify(out) + "\n");
    return;
  }
  if (rest.length !== 2) {
    console.error('usage: node tests/client_search.mjs <site-folder> "<query>" [--type T] [--onderwijstype O] [--thema T] [--limit N] [--prefix] [--stats]');
    process.exit(2);
  }
  const [folder, query] = rest;
  const site = openSite(folder);
  const answer = await site.search(query, { ...options, limit: options.limit ?? 10 });
  process.stdout.write(JSON.stringify(answer.results, null, 2) + "\n");
  if (options.stats) {
    console.error(`loaded ${site.loaded.files} files, ${site.loaded.bytes} bytes: ${site.loaded.names.join(" ")}`);
    console.error(`${answer.total} results`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => {
    console.error(`client_search: ${e.message}`);
    process.exit(1);
  });
}
