/* kennisbank: the site's own search engine (written by the build into zoek/zoek.js).
 *
 * It answers a query the way `kennisbank search` does, from the files the build derives from the tantivy
 * index (see src/search/client.rs): the same Dutch analysis (ported from src/search/analyzer.rs, with its
 * lists taken from zoek/index.js), the same ranking (ported from src/search/score.rs) on the scores tantivy
 * computed, and the same snippets. It loads its data through plain <script> files, so it works on any static
 * host and from disk (file://), where fetch() and modules are blocked.
 *
 *   KennisbankSearch.search(query, {type, onderwijstype, thema, limit, prefix})
 *     -> Promise<{results, total, reason}>   (reason "empty" or "stop-words" when there was nothing to search)
 *   KennisbankSearch.filters() -> Promise<{type: [...], onderwijstype: [...], thema: [...]}>
 *
 * Each result has path, title, url (from the site root), score, snippet (HTML, matches in <mark>, everything
 * else escaped) and type. With `prefix`, the last word also matches the words it begins (results as you
 * type). Node.js (tests/client_search.mjs) sets `KennisbankSearch.loader` to read the files from disk instead.
 */
(function (global) {
  "use strict";

  if (global.KennisbankSearch && global.KennisbankSearch.search) return;

  var engine = global.KennisbankSearch || {};
  global.KennisbankSearch = engine;

  // ---------------------------------------------------------------------------------------------------
  // Loading data files

  var base = engine.base;
  if (!base && global.document && document.currentScript) {
    base = document.currentScript.src.replace(/zoek\.js(\?.*)?$/, "");
  }
  var files = {};

  /* Called by every data file: KennisbankSearch.receive("t/3", "<base64>"). */
  engine.receive = function (name, data) {
    var file = files[name] || (files[name] = {});
    file.data = data;
    file.ready = true;
    if (file.resolve) file.resolve(data);
  };

  /* Keeps `promise` in `map` under `key` until it fails: a file that did not load (a USB stick that was
   * slow, a connection that dropped) is tried again by the next search. */
  function remember(map, key, promise) {
    map.set(key, promise);
    promise.catch(function () {
      if (map.get(key) === promise) map.delete(key);
    });
    return promise;
  }

  var loading = new Map();
  function load(name) {
    if (loading.has(name)) return loading.get(name);
    var file = files[name] || (files[name] = {});
    var promise = new Promise(function (resolve, reject) {
      if (file.ready) return resolve(file.data);
      file.resolve = resolve;
      if (engine.loader) {
        engine.loader(name).then(function () {
          if (!file.ready) reject(new Error("zoek/" + name + ".js did not deliver its data"));
        }, reject);
        return;
      }
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.async = true;
      script.onerror = function () {
        script.remove();
        reject(new Error("cannot load " + script.src));
      };
      document.head.appendChild(script);
    });
    return remember(loading, name, promise);
  }

  function index() {
    return load("index");
  }

  /* A data file's payload: base64 of zlib-compressed bytes. */
  async function bytesOfFile(name) {
    var packed = bytesOf(await load(name));
    var stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  var unpacked = new Map();
  /* A data file's payload as bytes (t/, w/) or as the JSON it holds (the others), opened once. */
  function open(name) {
    if (!unpacked.has(name)) {
      var json = name[0] !== "t" && name[0] !== "w";
      remember(
        unpacked,
        name,
        bytesOfFile(name).then(function (bytes) {
          return json ? JSON.parse(new TextDecoder().decode(bytes)) : bytes;
        })
      );
    }
    return unpacked.get(name);
  }

  // ---------------------------------------------------------------------------------------------------
  // Analysis: the same steps as src/search/analyzer.rs (query side: no compound splitting)

  var CONNECTORS = "-'\u2019\u2018\u02bc";
  var WORD_CHAR = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}\u0300-\u036f]/u;

  function isWordChar(c) {
    return c !== undefined && WORD_CHAR.test(c);
  }

  /* The words of a text with their UTF-16 ranges: runs of letters and digits, held together by a hyphen or
   * apostrophe between two of them, or by an apostrophe before a word. */
  function wordsOf(text) {
    var chars = Array.from(text);
    var offsets = [];
    var at = 0;
    for (var k = 0; k < chars.length; k++) {
      offsets.push(at);
      at += chars[k].length;
    }
    offsets.push(at);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      var leadingApostrophe =
        CONNECTORS.indexOf(c) > 0 && isWordChar(chars[i + 1]) && (i === 0 || !isWordChar(chars[i - 1]));
      if (isWordChar(c) || leadingApostrophe) {
        var j = i + 1;
        while (j < chars.length) {
          var d = chars[j];
          if (isWordChar(d) || (CONNECTORS.indexOf(d) >= 0 && isWordChar(chars[j + 1]))) j++;
          else break;
        }
        out.push({ from: offsets[i], to: offsets[j], text: chars.slice(i, j).join("") });
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  function fold(word, extra) {
    var out = "";
    for (var c of word) {
      if (c.charCodeAt(0) < 128) {
        if (/[A-Za-z0-9]/.test(c)) out += c.toLowerCase();
      } else if (Object.prototype.hasOwnProperty.call(extra, c)) {
        out += extra[c];
      } else {
        var d = c.normalize("NFKD");
        for (var e of d) if (/[A-Za-z0-9]/.test(e)) out += e.toLowerCase();
      }
    }
    return out;
  }

  // Snowball's Dutch (Porter) stemmer, as frostem runs it (dutch_porter.sbl), on folded ASCII words.
  function isVowel(c) {
    return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y" || c === "\u00e8";
  }

  function stem(word) {
    var s = word.split("");
    var n = s.length;
    // Prelude: y at the start or after a vowel is a consonant (Y); so is i between vowels (I).
    if (s[0] === "y") s[0] = "Y";
    var pos = 0;
    for (;;) {
      while (pos < n && !isVowel(s[pos])) pos++;
      if (pos >= n) break;
      pos++;
      if (s[pos] === "i") {
        pos++;
        if (pos < n && isVowel(s[pos])) s[pos - 1] = "I";
      } else if (s[pos] === "y") {
        s[pos] = "Y";
        pos++;
      }
    }
    // Regions: p1 after the first non-vowel following a vowel (at least 3), p2 the same after p1.
    var p1 = n;
    var p2 = n;
    // After the next vowel and the non-vowel that follows it, from `i`; -1 if there is none.
    var afterVowelAndNonVowel = function (i) {
      while (i < n && !isVowel(s[i])) i++;
      if (i >= n) return -1;
      i++;
      while (i < n && isVowel(s[i])) i++;
      return i >= n ? -1 : i + 1;
    };
    if (n >= 3) {
      var r1 = afterVowelAndNonVowel(0);
      if (r1 >= 0) {
        p1 = Math.max(r1, 3);
        var r2 = afterVowelAndNonVowel(r1);
        if (r2 >= 0) p2 = r2;
      }
    }
    var w = s.join("");
    var eFound = false;
    var ends = function (suffix) {
      return w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix;
    };
    var nonVowelBefore = function (at) {
      return at > 0 && !isVowel(w[at - 1]);
    };
    var undouble = function () {
      if (w.length >= 2 && (ends("kk") || ends("dd") || ends("tt"))) w = w.slice(0, -1);
    };
    var enEnding = function (start) {
      // w ends at `start` once the ending is removed
      if (p1 > start || !nonVowelBefore(start) || w.slice(0, start).endsWith("gem")) return false;
      w = w.slice(0, start);
      undouble();
      return true;
    };
    var eEnding = function () {
      eFound = false;
      if (!ends("e")) return false;
      var start = w.length - 1;
      if (p1 > start || !nonVowelBefore(start)) return false;
      w = w.slice(0, start);
      eFound = true;
      undouble();
      return true;
    };
    // Step 1
    var last = w[w.length - 1];
    if (last === "e" || last === "n" || last === "s") {
      if (ends("heden")) {
        if (p1 <= w.length - 5) w = w.slice(0, -5) + "heid";
      } else if (ends("ene")) {
        enEnding(w.length - 3);
      } else if (ends("en")) {
        enEnding(w.length - 2);
      } else if (ends("se") || ends("s")) {
        var start1 = w.length - (ends("se") ? 2 : 1);
        var before = w[start1 - 1];
        if (p1 <= start1 && start1 > 0 && !isVowel(before) && before !== "j") w = w.slice(0, start1);
      }
    }
    // Step 2
    eEnding();
    // Step 3a
    if (ends("heid")) {
      var start3 = w.length - 4;
      if (p2 <= start3 && w[start3 - 1] !== "c") {
        w = w.slice(0, start3);
        if (ends("en")) enEnding(w.length - 2);
      }
    }
    // Step 3b
    var suffix = null;
    var l = w[w.length - 1];
    if (w.length >= 2 && (l === "d" || l === "g" || l === "k" || l === "r")) {
      var candidates = ["lijk", "baar", "end", "ing", "bar", "ig"];
      for (var c = 0; c < candidates.length; c++) {
        if (ends(candidates[c])) {
          suffix = candidates[c];
          break;
        }
      }
    }
    if (suffix) {
      var start4 = w.length - suffix.length;
      if (p2 <= start4) {
        if (suffix === "end" || suffix === "ing") {
          w = w.slice(0, start4);
          if (ends("ig") && p2 <= w.length - 2 && w[w.length - 3] !== "e") w = w.slice(0, -2);
          else undouble();
        } else if (suffix === "ig") {
          if (w[start4 - 1] !== "e") w = w.slice(0, start4);
        } else if (suffix === "lijk") {
          w = w.slice(0, start4);
          eEnding();
        } else if (suffix === "baar") {
          w = w.slice(0, start4);
        } else if (suffix === "bar") {
          if (eFound) w = w.slice(0, start4);
        }
      }
    }
    // Step 4: a double vowel between non-vowels loses one (maan → man is not done, but "maant" → "mant").
    var m = w.length;
    if (m >= 4) {
      var z = w[m - 1];
      var v1 = w[m - 2];
      var v2 = w[m - 3];
      var x = w[m - 4];
      if (
        z !== "I" && !isVowel(z) &&
        v1 === v2 && (v1 === "a" || v1 === "e" || v1 === "o" || v1 === "u") &&
        !isVowel(x)
      ) {
        w = w.slice(0, m - 2) + z;
      }
    }
    return w.replace(/Y/g, "y").replace(/I/g, "i");
  }

  /* The words of a query, each with its alternatives: [{whole: [terms], parts: [terms], folded}]. */
  function analyze(text, info) {
    var stop = info.stopSet;
    var out = [];
    var words = wordsOf(text);
    for (var k = 0; k < words.length && out.length < info.max_words; k++) {
      var parts = splitConnectors(words[k].text)
        .map(function (p) {
          return fold(p, info.fold_extra);
        })
        .filter(function (p) {
          return p.length > 0;
        });
      var word = { whole: [], parts: [], folded: parts.join(""), from: words[k].from, to: words[k].to };
      var keep = function (list, term) {
        if (term.length > 0 && term.length <= info.max_term) list.push(term);
      };
      if (parts.length === 1) {
        if (!stop.has(parts[0])) keep(word.whole, stem(parts[0]));
      } else if (parts.length > 1) {
        for (var p = 0; p < parts.length; p++) {
          if (parts[p].length > 1 && !stop.has(parts[p])) keep(word.parts, stem(parts[p]));
        }
        keep(word.whole, stem(parts.join("")));
      }
      if (word.whole.length || word.parts.length) out.push(word);
    }
    return out;
  }

  function splitConnectors(word) {
    var parts = [""];
    for (var c of word) {
      if (CONNECTORS.indexOf(c) >= 0) parts.push("");
      else parts[parts.length - 1] += c;
    }
    return parts;
  }

  // ---------------------------------------------------------------------------------------------------
  // Postings: the same packing as src/search/client.rs

  function bytesOf(b64) {
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function Reader(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }
  Reader.prototype.varint = function () {
    var value = 0;
    var shift = 0;
    for (;;) {
      var b = this.bytes[this.at++];
      value += (b & 0x7f) * Math.pow(2, shift);
      if (b < 0x80) return value;
      shift += 7;
    }
  };
  Reader.prototype.docs = function (pages) {
    var count = this.varint();
    var mode = this.bytes[this.at++];
    var docs = new Uint32Array(count);
    if (mode === 0) {
      var doc = 0;
      for (var i = 0; i < count; i++) docs[i] = doc += this.varint();
    } else {
      var k = 0;
      var len = Math.ceil(pages / 8);
      for (var byte = 0; byte < len; byte++) {
        var b = this.bytes[this.at + byte];
        if (b === 0) continue;
        for (var bit = 0; bit < 8; bit++) if (b & (1 << bit)) docs[k++] = byte * 8 + bit;
      }
      this.at += len;
    }
    return docs;
  };

  /* Postings of one term, from bytes packed as src/search/client.rs does: {docs, scores}, in page order. */
  function decodePostings(bytes, pages) {
    var r = new Reader(bytes);
    var docs = r.docs(pages);
    var size = r.varint();
    var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    var table = new Float32Array(size);
    for (var t = 0; t < size; t++) {
      table[t] = view.getFloat32(r.at, true);
      r.at += 4;
    }
    var scores = new Float32Array(docs.length);
    for (var i = 0; i < docs.length; i++) {
      var which = 0;
      if (size > 256) {
        which = bytes[r.at] | (bytes[r.at + 1] << 8);
        r.at += 2;
      } else if (size > 1) {
        which = bytes[r.at++];
      }
      scores[i] = table[which];
    }
    return { docs: docs, scores: scores };
  }

  /* A shard: term -> its postings' bytes. */
  function decodeShard(bytes) {
    var r = new Reader(bytes);
    var terms = new Map();
    while (r.at < bytes.length) {
      var len = bytes[r.at++];
      var term = String.fromCharCode.apply(null, bytes.subarray(r.at, r.at + len));
      r.at += len;
      var size = r.varint();
      terms.set(term, bytes.subarray(r.at, r.at + size));
      r.at += size;
    }
    return terms;
  }

  function shardOf(term, shards) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      hash ^= term.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  var shardCache = new Map();
  var postingsCache = new Map();
  /* The postings of a term, or null if no page has it. */
  function postings(term, info) {
    if (postingsCache.has(term)) return postingsCache.get(term);
    var promise;
    if (info.ownSet.has(term)) {
      promise = open("w/" + term).then(function (bytes) {
        return decodePostings(bytes, info.pages);
      });
    } else {
      var shard = "t/" + shardOf(term, info.shards);
      if (!shardCache.has(shard)) remember(shardCache, shard, open(shard).then(decodeShard));
      promise = shardCache.get(shard).then(function (terms) {
        var bytes = terms.get(term);
        return bytes ? decodePostings(bytes, info.pages) : null;
      });
    }
    return remember(postingsCache, term, promise);
  }

  function termsOfLength(len, info) {
    if (info.lengthSet.has(len)) {
      return open("l/" + len).then(function (list) {
        return list.split(" ");
      });
    }
    return Promise.resolve([]);
  }

  // ---------------------------------------------------------------------------------------------------
  // Ranking: the same steps as src/search/score.rs, in 32-bit floats added in the same order

  var f32 = Math.fround;

  function oneEdit(a, b) {
    var short = a.length <= b.length ? a : b;
    var long = a.length <= b.length ? b : a;
    var prefix = 0;
    while (prefix < short.length && short[prefix] === long[prefix]) prefix++;
    var diff = long.length - short.length;
    if (diff === 0) {
      if (prefix === short.length) return false;
      if (short.slice(prefix + 1) === long.slice(prefix + 1)) return true;
      return (
        prefix + 1 < short.length &&
        short[prefix] === long[prefix + 1] &&
        short[prefix + 1] === long[prefix] &&
        short.slice(prefix + 2) === long.slice(prefix + 2)
      );
    }
    if (diff === 1) return short.slice(prefix) === long.slice(prefix + 1);
    return false;
  }

  var EMPTY = { docs: new Uint32Array(0), scores: new Float32Array(0) };

  /* Documents in both lists (each in page order), their scores added: `a`'s first. */
  function both(a, b) {
    var docs = new Uint32Array(Math.min(a.docs.length, b.docs.length));
    var scores = new Float32Array(docs.length);
    var n = 0;
    for (var i = 0, j = 0; i < a.docs.length && j < b.docs.length; ) {
      if (a.docs[i] < b.docs[j]) i++;
      else if (a.docs[i] > b.docs[j]) j++;
      else {
        docs[n] = a.docs[i];
        scores[n++] = a.scores[i++] + b.scores[j++];
      }
    }
    return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
  }

  /* Documents in any of the lists, each scoring the sum of the lists it is in (in list order), or the best. */
  function either(lists, best) {
    var docs = [];
    var merged = new Map();
    lists.forEach(function (list) {
      for (var i = 0; i < list.docs.length; i++) {
        var doc = list.docs[i];
        var s = list.scores[i];
        if (!merged.has(doc)) {
          merged.set(doc, s);
          docs.push(doc);
        } else {
          var old = merged.get(doc);
          merged.set(doc, best ? Math.max(old, s) : f32(old + s));
        }
      }
    });
    docs.sort(function (x, y) {
      return x - y;
    });
    var scores = new Float32Array(docs.length);
    for (var k = 0; k < docs.length; k++) scores[k] = merged.get(docs[k]);
    return { docs: Uint32Array.from(docs), scores: scores };
  }

  /* One term's documents and scores: its own postings, or (for less) the best of the terms one edit away.
   * The terms it matched with are added to `matched`. */
  async function termScores(term, info, matched) {
    var own = await postings(term, info);
    if (own) {
      matched.add(term);
      return own;
    }
    if (term.length < info.fuzzy_from) return EMPTY;
    var lists = await Promise.all([
      termsOfLength(term.length - 1, info),
      termsOfLength(term.length, info),
      termsOfLength(term.length + 1, info),
    ]);
    var candidates = [].concat(lists[0], lists[1], lists[2]).filter(function (t) {
      return oneEdit(term, t);
    });
    var found = await Promise.all(
      candidates.map(function (t) {
        return postings(t, info);
      })
    );
    candidates.forEach(function (t, i) {
      if (found[i]) matched.add(t);
    });
    var fuzzy = either(found.filter(Boolean), true);
    var weight = f32(info.fuzzy_weight);
    for (var i = 0; i < fuzzy.scores.length; i++) fuzzy.scores[i] = fuzzy.scores[i] * weight;
    return fuzzy;
  }

  /* The last word while typing: its own term or any term of the site's words it begins, the best one. A word
   * that completes is not treated as a typo: "wijkt" on its way to "wijkteam" is not "wijk". */
  async function prefixScores(word, info, matched) {
    var folded = word.folded;
    var term = word.whole[0];
    var completions = [];
    if (folded.length >= 2 && info.prefixSet.has(folded.slice(0, 2))) {
      var list = await open("p/" + folded.slice(0, 2));
      var seen = new Map();
      for (var k = 0; k < list.length; k++) {
        var entry = list[k];
        if (entry[0].slice(0, folded.length) !== folded) continue;
        var completed = entry[1] || entry[0];
        if (completed !== term) seen.set(completed, entry[2]);
      }
      completions = Array.from(seen.entries())
        .sort(function (a, b) {
          return b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
        })
        .slice(0, 8)
        .map(function (e) {
          return e[0];
        });
    }
    if (!completions.length) return termScores(term, info, matched);
    var exact = await postings(term, info);
    if (exact) matched.add(term);
    var lists = await Promise.all(
      completions.map(function (t) {
        return termScores(t, info, matched);
      })
    );
    return either([exact || EMPTY].concat(lists), true);
  }

  /* The documents matching every word, with their scores: the steps of src/search/score.rs `rank`. */
  async function rank(words, info, prefix, matched) {
    var total = null;
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      var wordScores;
      if (prefix && w === words.length - 1 && word.parts.length === 0 && word.whole.length === 1) {
        wordScores = await prefixScores(word, info, matched);
      } else {
        var alternatives = word.whole.map(function (t) {
          return [t];
        });
        if (word.parts.length) alternatives.push(word.parts);
        var perAlternative = [];
        for (var a = 0; a < alternatives.length; a++) {
          var all = null;
          for (var t = 0; t < alternatives[a].length; t++) {
            var scores = await termScores(alternatives[a][t], info, matched);
            all = all === null ? scores : both(all, scores);
          }
          perAlternative.push(all || EMPTY);
        }
        wordScores = perAlternative.length === 1 ? perAlternative[0] : either(perAlternative, false);
      }
      total = total === null ? wordScores : both(total, wordScores);
    }
    return total || EMPTY;
  }

  /* The `limit` best of the ranked documents that pass `keep`: score descending, then page order. */
  function best(ranked, keep, limit) {
    var top = [];
    var count = 0;
    for (var i = 0; i < ranked.docs.length; i++) {
      var doc = ranked.docs[i];
      if (keep && !keep(doc)) continue;
      count++;
      var score = ranked.scores[i];
      // Documents come in page order, so an equal score never displaces an earlier one.
      if (top.length === limit && score <= top[top.length - 1][1]) continue;
      var at = top.length;
      while (at > 0 && top[at - 1][1] < score) at--;
      top.splice(at, 0, [doc, score]);
      if (top.length > limit) top.pop();
    }
    return { top: top, count: count };
  }

  // ---------------------------------------------------------------------------------------------------
  // Filters

  async function allowed(name, value, info) {
    var values = await open("f/" + name);
    if (!Object.prototype.hasOwnProperty.call(values, value)) return new Set();
    return new Set(new Reader(bytesOf(values[value])).docs(info.pages));
  }

  /* A thema's name as its slug, as src/text.rs `slugify` makes it: apostrophes dropped, diacritics folded,
   * every other run of non-alphanumerics one hyphen. */
  function slugify(text) {
    return text
      .replace(/['\u2019\u2018`\u02bc]/g, "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  }

  // ---------------------------------------------------------------------------------------------------
  // Snippets: about 200 characters around the densest run of matched words, escaped, matches in <mark>

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var termsOfWordCache = new Map();
  /* The terms of one word as written, remembered: a site repeats its words. */
  function termsOfWord(word, info) {
    var terms = termsOfWordCache.get(word);
    if (!terms) {
      terms = [];
      analyze(word, info).forEach(function (w) {
        terms = terms.concat(w.whole, w.parts);
      });
      termsOfWordCache.set(word, terms);
    }
    return terms;
  }

  var wordsCache = new Map();
  /* The words of a page's text with their terms, remembered for the pages shown last. */
  function analysedWords(text, info) {
    var words = wordsCache.get(text);
    if (!words) {
      words = wordsOf(text).map(function (w) {
        return { from: w.from, to: w.to, terms: termsOfWord(w.text, info) };
      });
      if (wordsCache.size > 200) wordsCache.clear();
      wordsCache.set(text, words);
    }
    return words;
  }

  function snippet(text, terms, info) {
    var matches = [];
    var words = analysedWords(text, info);
    for (var k = 0; k < words.length; k++) {
      var hit = words[k].terms.some(function (t) {
        return terms.has(t);
      });
      if (hit) matches.push([words[k].from, words[k].to]);
    }
    if (!matches.length) return null;
    var start = matches[0][0];
    var bestCount = -1;
    matches.forEach(function (m) {
      var count = matches.filter(function (o) {
        return o[0] >= m[0] && o[0] < m[0] + 200;
      }).length;
      if (count > bestCount) {
        bestCount = count;
        start = m[0];
      }
    });
    // Start and end between words.
    var begin = Math.max(0, start - 60);
    if (begin > 0) {
      var space = text.slice(begin, start).search(/\s/);
      begin = space < 0 ? start : begin + space + 1;
    }
    var end = Math.min(text.length, begin + 220);
    if (end < text.length) {
      var cut = text.slice(start, end).search(/\s\S*$/);
      if (cut >= 0) end = start + cut;
    }
    var out = begin > 0 ? "\u2026" : "";
    var last = begin;
    matches.forEach(function (m) {
      if (m[0] < last || m[0] < begin || m[1] > end) return;
      out += escapeHtml(text.slice(last, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      last = m[1];
    });
    out += escapeHtml(text.slice(last, end));
    if (end < text.length) out += "\u2026";
    return out.split(/\s+/).filter(Boolean).join(" ");
  }

  // ---------------------------------------------------------------------------------------------------
  // The API

  function prepare(info) {
    if (!info.stopSet) {
      info.stopSet = new Set(info.stop_words);
      info.lengthSet = new Set(info.lengths);
      info.prefixSet = new Set(info.prefixes);
      info.ownSet = new Set(info.own_files);
    }
    return info;
  }

  engine.analyse = async function (text) {
    var info = prepare(await index());
    return analyze(text, info);
  };

  engine.filters = async function () {
    return (await index()).filters;
  };

  engine.search = async function (query, options) {
    options = options || {};
    var info = prepare(await index());
    var limit = options.limit || 10;
    var trimmed = String(query || "");
    if (!trimmed.trim()) return { results: [], total: 0, reason: "empty" };
    var words = analyze(trimmed, info);
    if (!words.length) return { results: [], total: 0, reason: "stop-words" };
    var prefix = !!options.prefix && !/\s$/.test(trimmed);
    var terms = new Set();
    var ranked = await rank(words, info, prefix, terms);
    var filters = [
      ["type", options.type],
      ["onderwijstype", options.onderwijstype && String(options.onderwijstype).toLowerCase()],
      ["thema", options.thema && slugify(String(options.thema))],
    ];
    var sets = [];
    for (var f = 0; f < filters.length; f++) {
      if (filters[f][1]) sets.push(await allowed(filters[f][0], filters[f][1], info));
    }
    var keep = sets.length
      ? function (doc) {
          return sets.every(function (set) {
            return set.has(doc);
          });
        }
      : null;
    var chosen = best(ranked, keep, Math.max(1, limit));
    var top = chosen.top;
    var pages = await Promise.all(
      top.map(function (r) {
        return open("d/" + r[0]);
      })
    );
    var results = top.map(function (r, i) {
      var page = pages[i];
      var snip = snippet(page.text, terms, info) || snippet(page.summary, terms, info);
      if (snip === null) {
        var summary = Array.from(page.summary).slice(0, 200).join("");
        snip = escapeHtml(summary);
      }
      return {
        path: page.path,
        title: page.title,
        url: page.url,
        score: r[1],
        snippet: snip,
        type: page.type,
      };
    });
    return { results: results, total: chosen.count };
  };
})(typeof window !== "undefined" ? window : globalThis);
