//! Sanitising of pages that contain raw HTML (unless the site trusts it): script, event handlers, `javascript:`
//! URLs, iframes and the like are removed; the markup the renderer itself makes (heading anchors, highlighted
//! code, glossary terms, task lists, table alignment) is kept.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .add_generic_attributes(["class", "id", "aria-label"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        .link_rel(None);
    builder
});

pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}
