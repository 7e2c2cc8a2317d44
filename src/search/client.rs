//! The site's own search index, derived from the tantivy index the build has just written, in `zoek/`.
//!
//! The browser cannot run tantivy, and from disk (file://) it cannot fetch files either: it can only load
//! plain `<script>` files. So the build exports, for every term, each page's score as tantivy computes it
//! (see `score`), and splits everything into small script files, each of which hands its data to
//! `KennisbankSearch.receive(name, data)` in `zoek.js`. A query loads only the files of its own terms:
//!
//! | file | holds |
//! |---|---|
//! | `zoek/zoek.js` | the search engine: the analyzer, the ranking of `score`, snippets |
//! | `zoek/index.js` | page count, shard count, the analyzer's lists (stop words, folding), the other files' names |
//! | `zoek/t/N.js` | the terms whose hash falls in shard N, each with its postings |
//! | `zoek/w/TERM.js` | the postings of one frequent term (`index.js` lists these terms) |
//! | `zoek/l/N.js` | every term N letters long, for typos |
//! | `zoek/p/XX.js` | the words of the site starting with XX, with their terms, for completing a word |
//! | `zoek/d/N.js` | page N: path, title, URL, type, summary and text, for showing a result |
//! | `zoek/f/NAME.js` | the pages of each type, onderwijstype and thema, for the filters |
//!
//! Every data file but `index.js` hands over one string: base64 of its payload compressed with zlib (the
//! browser's `DecompressionStream('deflate')` opens it). The payload is JSON, except for `t/` and `w/`, which
//! are bytes: a term's postings as [`encode_postings`] packs them, and a shard as [`encode_shard`] does.
//! Everything is written in a fixed order, so two builds of the same site give the same files.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use rayon::prelude::*;
use serde_json::json;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

use super::analyzer::{self, Analyzer, Vocabulary};
use super::index::schema;
use super::query::{all_terms, terms_of_field};
use super::score::{self, docs_with, Ords, Posting};
use crate::output::Sink;

/// The folder of the output that holds the site's search files.
pub const FOLDER: &str = "zoek";
/// The search engine the site loads.
pub const ENGINE: &str = include_str!("zoek.js");
/// Postings larger than this (in bytes, before compression) get a file of their own, so that a shard stays
/// small.
const OWN_FILE_FROM: usize = 2_048;
/// About how many bytes of postings go in one shard.
const SHARD_BYTES: usize = 6_144;

/// FNV-1a (32 bits) of a term: which shard it is in. `zoek.js` computes the same.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in term.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards
}

/// Writes `zoek/` into the site's staging folder from the tantivy index the build has just written.
pub fn write(index: &Index, vocabulary: &Vocabulary, staging: &dyn Sink) -> tantivy::Result<()> {
    let searcher = index.reader()?.searcher();
    let (_, fields) = schema();
    let pages = searcher.num_docs() as u32;
    let ords = Ords::read(&searcher)?;
    let write = |name: &str, data: String| -> tantivy::Result<()> {
        let text = format!(
            "KennisbankSearch.receive({},{});\n",
            serde_json::to_string(name).unwrap_or_default(),
            data
        );
        staging
            .write(&format!("zoek/{name}.js"), text.into_bytes())
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))
    };
    let put_bytes = |name: &str, bytes: &[u8]| write(name, format!("\"{}\"", packed(bytes)));
    let put = |name: &str, data: serde_json::Value| put_bytes(name, data.to_string().as_bytes());

    // Postings of every term, light ones grouped in shards, heavy ones alone.
    let terms = all_terms(&searcher, &fields)?;
    let mut encoded: BTreeMap<String, (usize, Vec<u8>)> = BTreeMap::new();
    for term in &terms {
        let postings = score::postings(&searcher, &fields, &ords, term)?;
        if postings.is_empty() {
            continue;
        }
        encoded.insert(
            term.clone(),
            (postings.len(), encode_postings(&postings, pages)),
        );
    }
    let light: usize = encoded
        .values()
        .filter(|(_, e)| e.len() < OWN_FILE_FROM)
        .map(|(_, e)| e.len() + 8)
        .sum();
    let shards = (light / SHARD_BYTES).max(1) as u32;
    let mut shard_terms: Vec<Vec<(&str, &[u8])>> = vec![Vec::new(); shards as usize];
    let mut own_files = Vec::new();
    for (term, (_, data)) in &encoded {
        if data.len() < OWN_FILE_FROM {
            shard_terms[shard_of(term, shards) as usize].push((term, data));
        } else {
            own_files.push(term.as_str());
            put_bytes(&format!("w/{term}"), data)?;
        }
    }
    for (n, entries) in shard_terms.iter().enumerate() {
        put_bytes(&format!("t/{n}"), &encode_shard(entries))?;
    }

    // Terms by length, for typos.
    let mut by_length: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for term in encoded.keys() {
        by_length.entry(term.len()).or_default().push(term);
    }
    for (len, list) in &by_length {
        put(&format!("l/{len}"), json!(list.join(" ")))?;
    }

    // The site's words by their first two letters, with their terms and how many pages have them.
    let analyzer = Analyzer::new();
    let mut by_prefix: BTreeMap<String, Vec<(String, String, usize)>> = BTreeMap::new();
    let words: BTreeSet<&str> = vocabulary.words().collect();
    for word in words {
        let term = analyzer.stem(word);
        let Some((df, _)) = encoded.get(&term) else {
            continue;
        };
        let shown = if term == word { String::new() } else { term };
        by_prefix
            .entry(word[..2].to_string())
            .or_default()
            .push((word.to_string(), shown, *df));
    }
    for (prefix, list) in &by_prefix {
        put(&format!("p/{prefix}"), json!(list))?;
    }

    // The pages, for showing results. Compressing their text is most of this stage's work: done on every core
    // that rendering has left free.
    let mut pages_json = Vec::new();
    for (ord, address) in ords.addresses() {
        let doc: TantivyDocument = searcher.doc(address)?;
        let get = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let page = json!({
            "path": get(fields.path),
            "title": get(fields.title),
            "url": get(fields.url),
            "type": get(fields.kind),
            "summary": get(fields.summary),
            "text": get(fields.body),
        });
        pages_json.push((ord, page.to_string()));
    }
    let packed_pages: Vec<(u32, String)> = pages_json
        .into_par_iter()
        .map(|(ord, json)| (ord, packed(json.as_bytes())))
        .collect();
    for (ord, data) in packed_pages {
        write(&format!("d/{ord}"), format!("\"{data}\""))?;
    }

    // The filters.
    let mut facets = serde_json::Map::new();
    for (name, field) in [
        ("type", fields.kind),
        ("onderwijstype", fields.onderwijstype),
        ("thema", fields.thema),
    ] {
        let mut values = serde_json::Map::new();
        for value in terms_of_field(&searcher, field)? {
            let docs: Vec<u32> = docs_with(&searcher, &ords, field, &value)?
                .into_iter()
                .collect();
            let mut bytes = Vec::new();
            encode_docs(&mut bytes, &docs, pages);
            values.insert(value, json!(BASE64.encode(bytes)));
        }
        facets.insert(name.to_string(), json!(values.keys().collect::<Vec<_>>()));
        put(&format!("f/{name}"), serde_json::Value::Object(values))?;
    }

    write(
        "index",
        json!({
            "pages": pages,
            "shards": shards,
            "own_files": own_files,
            "lengths": by_length.keys().collect::<Vec<_>>(),
            "prefixes": by_prefix.keys().collect::<Vec<_>>(),
            "filters": facets,
            "fuzzy_from": score::FUZZY_FROM,
            "fuzzy_weight": score::FUZZY_WEIGHT,
            "max_words": score::MAX_WORDS,
            "max_term": analyzer::MAX_TERM_BYTES,
            "stop_words": analyzer::STOP_WORDS,
            "fold_extra": analyzer::FOLD_EXTRA.iter().map(|(c, s)| (c.to_string(), *s)).collect::<BTreeMap<_, _>>(),
        })
        .to_string(),
    )?;
    staging
        .write("zoek/zoek.js", compact(ENGINE).into_bytes())
        .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
    Ok(())
}

const BASE64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Base64 of zlib-compressed bytes.
fn packed(bytes: &[u8]) -> String {
    use std::io::Write as _;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    BASE64.encode(encoder.finish().unwrap_or_default())
}

/// A shard: for each term, its length (a byte), the term, the length of its postings (a varint) and the
/// postings.
pub fn encode_shard(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (term, postings) in entries {
        bytes.push(term.len() as u8);
        bytes.extend_from_slice(str::as_bytes(term));
        varint(&mut bytes, postings.len() as u32);
        bytes.extend_from_slice(postings);
    }
    bytes
}

/// The engine without its comments and indentation, which a reader's browser need not load. `zoek.js` is
/// written so that this is safe: no line inside a string or regular expression starts with `//` or `*`.
fn compact(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty()
            || line.starts_with("//")
            || line.starts_with("/*")
            || line.starts_with('*')
        {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A term's postings as bytes:
/// - the documents (see [`encode_docs`]);
/// - the distinct scores: their count as a varint, then each as a little-endian f32;
/// - for each document, which score it has: nothing if there is one, a byte if at most 256, else two bytes
///   (little-endian).
pub fn encode_postings(postings: &[Posting], pages: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let docs: Vec<u32> = postings.iter().map(|p| p.doc).collect();
    encode_docs(&mut bytes, &docs, pages);
    let mut table: Vec<u32> = Vec::new();
    let mut index_of: std::collections::HashMap<u32, usize> = Default::default();
    let mut indices = Vec::with_capacity(postings.len());
    for p in postings {
        let key = p.score.to_bits();
        let i = *index_of.entry(key).or_insert_with(|| {
            table.push(key);
            table.len() - 1
        });
        indices.push(i);
    }
    varint(&mut bytes, table.len() as u32);
    for bits in &table {
        bytes.extend_from_slice(&bits.to_le_bytes());
    }
    match table.len() {
        1 => {}
        2..=256 => bytes.extend(indices.iter().map(|&i| i as u8)),
        _ => {
            for i in indices {
                bytes.extend_from_slice(&(i as u16).to_le_bytes());
            }
        }
    }
    bytes
}

/// A sorted list of documents: their count as a varint, then a byte saying how they follow: `0` for the gaps
/// between them as varints (the first counted from 0), `1` for a bitmap of all `pages` documents (bit `d % 8`
/// of byte `d / 8`), whichever is smaller.
pub fn encode_docs(bytes: &mut Vec<u8>, docs: &[u32], pages: u32) {
    varint(bytes, docs.len() as u32);
    let mut gaps = Vec::new();
    let mut last = 0;
    for &doc in docs {
        varint(&mut gaps, doc - last);
        last = doc;
    }
    let bitmap_len = (pages as usize).div_ceil(8);
    if gaps.len() <= bitmap_len {
        bytes.push(0);
        bytes.extend(gaps);
    } else {
        bytes.push(1);
        let mut bitmap = vec![0u8; bitmap_len];
        for &doc in docs {
            bitmap[doc as usize / 8] |= 1 << (doc % 8);
        }
        bytes.extend(bitmap);
    }
}

fn varint(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_spread_terms() {
        let shards: BTreeSet<u32> = ["school", "ouder", "gesprek", "verzuim", "zorg", "leerling"]
            .iter()
            .map(|t| shard_of(t, 16))
            .collect();
        assert!(shards.len() >= 4, "{shards:?}");
        // The same value as `zoek.js` computes (checked there too).
        assert_eq!(shard_of("school", 1_000_003), 0x9f51_9cc9 % 1_000_003);
    }

    #[test]
    fn dense_documents_become_a_bitmap_and_sparse_ones_gaps() {
        let mut sparse = Vec::new();
        encode_docs(&mut sparse, &[3, 700], 1000);
        assert_eq!(sparse, vec![2, 0, 3, 0xb9, 0x05]);
        let mut dense = Vec::new();
        let all: Vec<u32> = (0..16).collect();
        encode_docs(&mut dense, &all, 16);
        assert_eq!(dense, vec![16, 1, 0xff, 0xff]);
    }
}
