//! Finds where a key or value stands in the front matter text, so that schema errors can point at a line.
//!
//! serde_yaml gives values without positions; this is a small line scanner over the same text. It knows block
//! mappings and lists as editors write them; for anything it cannot find it falls back to the enclosing key,
//! which is still the right neighbourhood.

use std::ops::Range;

/// The front matter of one file: its YAML text and where that text starts in the file.
#[derive(Debug, Clone, Copy)]
pub struct Locator<'a> {
    pub yaml: &'a str,
    pub offset: usize,
}

impl<'a> Locator<'a> {
    pub fn new(yaml: &'a str, offset: usize) -> Self {
        Locator { yaml, offset }
    }

    /// The whole front matter, as a range of the YAML text.
    pub fn all(&self) -> Range<usize> {
        0..self.yaml.len()
    }

    /// The span of `key:` inside `within`, at the shallowest indentation it appears at.
    pub fn key(&self, within: &Range<usize>, key: &str) -> Option<Range<usize>> {
        let mut best: Option<(usize, Range<usize>)> = None;
        for (start, line) in self.lines(within) {
            // `- naam: x` starts a mapping inside a list item: the key stands after the dash.
            let mut body = line.trim_start();
            while let Some(rest) = body.strip_prefix("- ") {
                body = rest.trim_start();
            }
            let indent = line.len() - body.len();
            let quoted = [
                format!("{key}:"),
                format!("\"{key}\":"),
                format!("'{key}':"),
            ];
            if quoted.iter().any(|q| body.starts_with(q.as_str()))
                && best.as_ref().is_none_or(|(i, _)| indent < *i)
            {
                let s = start + indent;
                best = Some((indent, s..s + key.len()));
            }
        }
        best.map(|(_, span)| span)
    }

    /// The block that belongs to the key at `key_span`: from that line to the next line indented as little.
    pub fn block(&self, key_span: &Range<usize>) -> Range<usize> {
        let line_start = self.yaml[..key_span.start].rfind('\n').map_or(0, |i| i + 1);
        let key_indent = key_span.start - line_start;
        let mut end = self.yaml.len();
        let first_line_end = self.yaml[key_span.start..]
            .find('\n')
            .map_or(self.yaml.len(), |i| key_span.start + i + 1);
        for (start, line) in self.lines(&(first_line_end..self.yaml.len())) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            let is_item_of_key = trimmed.starts_with('-') && indent == key_indent;
            if indent < key_indent || (indent == key_indent && !is_item_of_key) {
                end = start;
                break;
            }
        }
        key_span.start..end
    }

    /// The span of the `n`-th list item (`- …`) in a block, counting only items at the block's item indentation.
    pub fn item(&self, block: &Range<usize>, n: usize) -> Option<Range<usize>> {
        let mut items = Vec::new();
        let mut item_indent = None;
        for (start, line) in self.lines(block) {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if trimmed.starts_with("- ") || trimmed == "-" {
                match item_indent {
                    None => item_indent = Some(indent),
                    Some(i) if i != indent => continue,
                    _ => {}
                }
                items.push(start + indent);
            }
        }
        let start = *items.get(n)?;
        let end = items.get(n + 1).copied().unwrap_or(block.end);
        Some(start..end)
    }

    /// The first occurrence of `needle` in `within`, e.g. an offending list value.
    pub fn find(&self, within: &Range<usize>, needle: &str) -> Option<Range<usize>> {
        if needle.is_empty() {
            return None;
        }
        let text = self.yaml.get(within.clone())?;
        text.find(needle)
            .map(|i| within.start + i..within.start + i + needle.len())
    }

    /// Converts a span in the YAML text to a span in the file.
    pub fn file_span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    fn lines(&self, within: &Range<usize>) -> impl Iterator<Item = (usize, &'a str)> {
        let yaml = self.yaml;
        let within = within.start.min(yaml.len())..within.end.min(yaml.len());
        let mut pos = within.start;
        std::iter::from_fn(move || {
            if pos >= within.end {
                return None;
            }
            let end = yaml[pos..within.end]
                .find('\n')
                .map_or(within.end, |i| pos + i);
            let line = (pos, yaml[pos..end].trim_end_matches('\r'));
            pos = end + 1;
            Some(line)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "titel: Den Bosch\nthema:\n  - preventie\n  - oudrs\npersonen:\n  - naam: A\n    rol: smw\n  - naam: B\n    emial: b@x.nl\nregio: Oss\n";

    #[test]
    fn finds_top_level_and_nested_keys() {
        let l = Locator::new(YAML, 0);
        let regio = l.key(&l.all(), "regio").unwrap();
        assert_eq!(&YAML[regio.clone()], "regio");
        let personen = l.key(&l.all(), "personen").unwrap();
        let block = l.block(&personen);
        assert!(YAML[block.clone()].ends_with("b@x.nl\n"));
        let second = l.item(&block, 1).unwrap();
        assert!(YAML[second.clone()].starts_with("- naam: B"));
        let typo = l.key(&second, "emial").unwrap();
        assert_eq!(&YAML[typo], "emial");
        let naam = l.key(&second, "naam").unwrap();
        assert_eq!(&YAML[naam], "naam");
    }

    #[test]
    fn finds_values_in_a_block() {
        let l = Locator::new(YAML, 4);
        let thema = l.block(&l.key(&l.all(), "thema").unwrap());
        let bad = l.find(&thema, "oudrs").unwrap();
        assert_eq!(&YAML[bad.clone()], "oudrs");
        assert_eq!(l.file_span(bad.clone()).start, bad.start + 4);
        assert!(l.find(&thema, "regio").is_none());
    }
}
