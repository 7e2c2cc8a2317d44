//! The tantivy index of a site: one document per page, written by every build into the search index folder
//! (`search-index/publiek` or `search-index/intern`, matching the edition), read by `kennisbank search`.
//!
//! Title and headings weigh more than body text (the boosts are applied at query time, see `query`). A page's
//! glossary terms go into a `synoniemen` field with every spelling and abbreviation of each term, so that `jvk`
//! finds a page that writes *jeugdverpleegkundige* and *Centrum voor Jeugd en Gezin* finds one that writes *CJG*.

use std::path::Path;
use std::sync::Arc;

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};
use tantivy::{Index, TantivyDocument};

use super::analyzer::{Analyzer, Vocabulary, WordCache};
use crate::content::Details;
use crate::site::Site;
use crate::text::slugify;

/// The name the Dutch analyzer is registered under in the index.
pub const TOKENIZER: &str = "nl";

/// The fields of the index, by name, so that writing and querying agree.
#[derive(Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub url: Field,
    pub title: Field,
    pub headings: Field,
    pub summary: Field,
    pub body: Field,
    pub synonyms: Field,
    /// What the front matter says beside the title: themes, region, organisations, phases, people, statements.
    pub facts: Field,
    pub kind: Field,
    pub onderwijstype: Field,
    pub thema: Field,
    pub regio: Field,
    /// The page's place in build order: how equal scores are ordered, here and in the site's search.
    pub ord: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default().set_indexing_options(indexing.clone());
    let stored_text = text.clone().set_stored();
    let fields = Fields {
        path: builder.add_text_field("path", STRING | STORED),
        url: builder.add_text_field("url", STORED),
        title: builder.add_text_field("title", stored_text.clone()),
        headings: builder.add_text_field("headings", text.clone()),
        summary: builder.add_text_field("summary", stored_text.clone()),
        body: builder.add_text_field("body", stored_text),
        synonyms: builder.add_text_field("synoniemen", text.clone()),
        facts: builder.add_text_field("kenmerken", text),
        kind: builder.add_text_field("kind", STRING | STORED),
        onderwijstype: builder.add_text_field("onderwijstype", STRING | STORED),
        thema: builder.add_text_field("thema", STRING | STORED),
        regio: builder.add_text_field("regio", STRING | STORED),
        ord: builder.add_u64_field("ord", FAST | STORED),
    };
    (builder.build(), fields)
}

/// The analyzer as a tantivy tokenizer. Indexing gives it the corpus vocabulary (for compound halves);
/// opening an index for search registers it without.
#[derive(Clone)]
pub struct DutchTokenizer {
    analyzer: Arc<Analyzer>,
    vocabulary: Option<Arc<Vocabulary>>,
    /// tantivy clones the tokenizer per field and thread; each clone keeps its own cache.
    cache: WordCache,
}

impl DutchTokenizer {
    pub fn new(vocabulary: Option<Arc<Vocabulary>>) -> Self {
        DutchTokenizer {
            analyzer: Arc::new(Analyzer::new()),
            vocabulary,
            cache: WordCache::default(),
        }
    }
}

pub struct DutchTokenStream {
    tokens: Vec<TantivyToken>,
    next: usize,
}

impl Tokenizer for DutchTokenizer {
    type TokenStream<'a> = DutchTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> DutchTokenStream {
        let tokens = self
            .analyzer
            .analyze_cached(text, self.vocabulary.as_deref(), &mut self.cache)
            .into_iter()
            .map(|t| TantivyToken {
                offset_from: t.from,
                offset_to: t.to,
                position: t.position,
                text: t.term,
                position_length: 1,
            })
            .collect();
        DutchTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for DutchTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &TantivyToken {
        &self.tokens[self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        let i = self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

/// Writes the index of every published page into `dir` (which must be empty). Returns the index and the corpus
/// vocabulary, which the site's search uses to complete words as the reader types.
pub fn write(site: &Site, dir: &Path) -> tantivy::Result<(Index, Arc<Vocabulary>)> {
    let index = Index::create_in_dir(dir, schema().0)?;
    let vocabulary = fill(site, &index)?;
    Ok((index, vocabulary))
}

/// As [`write`], keeping the index in memory: for exports that need the site's search files but must write
/// nothing beside their own file.
pub fn write_in_memory(site: &Site) -> tantivy::Result<(Index, Arc<Vocabulary>)> {
    let index = Index::create_in_ram(schema().0);
    let vocabulary = fill(site, &index)?;
    Ok((index, vocabulary))
}

fn fill(site: &Site, index: &Index) -> tantivy::Result<Arc<Vocabulary>> {
    let (_, f) = schema();
    let pages: Vec<_> = site.content_pages().collect();
    let facts: Vec<String> = pages.iter().map(|p| facts(&p.page)).collect();
    let vocabulary = Arc::new(Vocabulary::from_texts(
        pages
            .iter()
            .map(|p| p.rendered.text.as_str())
            .chain(facts.iter().map(String::as_str))
            .chain(pages.iter().map(|p| p.page.meta.titel.as_str())),
    ));
    index
        .tokenizers()
        .register(TOKENIZER, DutchTokenizer::new(Some(vocabulary.clone())));
    // One thread gives one segment in document order: the same build gives the same ranking of equal scores.
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 200_000_000)?;
    for (ord, (sp, facts)) in pages.iter().zip(&facts).enumerate() {
        let page = &sp.page;
        let meta = &page.meta;
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.ord, ord as u64);
        doc.add_text(f.path, &page.key);
        doc.add_text(f.url, &page.url);
        doc.add_text(f.title, &meta.titel);
        // A glossary term's abbreviations and variants are names of it too: `cjg` finds the term's own page
        // before pages that merely mention the CJG. (The stored title stays the first value.)
        if let Details::Begrip(b) = &meta.details {
            for name in b.afkortingen.iter().chain(&b.varianten) {
                doc.add_text(f.title, name);
            }
        }
        doc.add_text(f.headings, sp.rendered.headings.join("\n"));
        let summary = match &meta.details {
            Details::Begrip(b) => b.betekenis.as_str(),
            _ => meta.samenvatting.as_deref().unwrap_or(""),
        };
        doc.add_text(f.summary, summary);
        doc.add_text(f.facts, facts);
        doc.add_text(f.body, &sp.rendered.text);
        doc.add_text(f.synonyms, synonyms(site, sp));
        doc.add_text(f.kind, page.kind.name());
        for code in &meta.onderwijstype {
            doc.add_text(f.onderwijstype, code);
        }
        for theme in &meta.thema {
            doc.add_text(f.thema, slugify(theme));
        }
        if let Some(regio) = &meta.regio {
            doc.add_text(f.regio, regio);
        }
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(vocabulary)
}

/// The front matter's text: everything a page shows beside its title and body. Contact details (e-mail,
/// phone) are not searched for, in either edition.
fn facts(page: &crate::content::Page) -> String {
    let meta = &page.meta;
    let mut out: Vec<&str> = Vec::new();
    out.extend(meta.thema.iter().map(String::as_str));
    out.extend(meta.onderwijstype.iter().map(String::as_str));
    out.extend(meta.regio.as_deref());
    out.extend(meta.trefwoorden.iter().map(String::as_str));
    out.extend(meta.bronnen.iter().map(|b| b.titel.as_str()));
    match &meta.details {
        Details::Praktijkvoorbeeld(p) => {
            out.extend(p.organisaties.iter().map(String::as_str));
            out.extend(
                [&p.gemeente, &p.doelgroep, &p.leeftijd, &p.periode]
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        Details::Werkwijze { fasen } => {
            for fase in fasen {
                out.push(&fase.naam);
                out.extend(fase.samenvatting.as_deref());
                out.extend(
                    fase.stappen
                        .iter()
                        .chain(&fase.voorwaarden)
                        .chain(&fase.rollen)
                        .map(String::as_str),
                );
                out.extend(fase.duur.as_deref());
            }
        }
        Details::Contact(sheet) => {
            for o in &sheet.organisaties {
                out.push(&o.naam);
                out.extend(
                    [&o.soort, &o.plaats]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
            }
            for p in &sheet.personen {
                out.push(&p.naam);
                out.extend(
                    [&p.rol, &p.organisatie]
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
            }
        }
        Details::Begrip(b) => {
            out.extend(b.afkortingen.iter().chain(&b.varianten).map(String::as_str));
        }
        Details::Leerroute { stappen } => {
            out.extend(stappen.iter().filter_map(|s| s.toelichting.as_deref()))
        }
        Details::Bijeenkomst(b) => {
            out.extend(b.organisatoren.iter().map(String::as_str));
            out.extend(b.locatie.as_deref());
            out.extend(b.programma.iter().map(|p| p.onderdeel.as_str()));
            for w in &b.workshops {
                out.push(&w.titel);
                out.extend(w.omschrijving.as_deref());
            }
            for s in &b.stellingen {
                out.push(&s.stelling);
                out.extend(s.uitkomst.as_deref());
            }
        }
        Details::Artikel | Details::Pagina => {}
    }
    out.join("\n")
}

/// Every spelling of every glossary term a page mentions (the terms its text explains), and of the term itself
/// on a begrip's own page.
fn synonyms(site: &Site, sp: &crate::site::SitePage) -> String {
    let mut out = Vec::new();
    let own =
        std::iter::once(&sp.page.key).filter(|_| sp.page.kind == crate::content::Kind::Begrip);
    for key in sp.rendered.glossary_terms.iter().chain(own) {
        let Some(term) = site.page(key) else { continue };
        let Details::Begrip(b) = &term.page.meta.details else {
            continue;
        };
        out.push(term.page.meta.titel.clone());
        out.extend(b.varianten.iter().cloned());
        out.extend(b.afkortingen.iter().cloned());
    }
    out.join("\n")
}
