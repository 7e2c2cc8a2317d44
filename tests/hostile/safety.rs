//! Whether a built page can run anything the content put in it: scripts other than the theme's own files,
//! event handler attributes, `javascript:`/`data:` URLs, frames and other embedding elements, styles with code,
//! refreshes and base URLs. It reads tags as a browser would: names and attribute values are compared after
//! lower-casing and decoding character references, with whitespace and control characters left out.

/// Elements content may never bring in.
const FORBIDDEN: [&str; 8] = [
    "iframe", "object", "embed", "base", "style", "frame", "frameset", "applet",
];

pub fn check(html: &str) -> Result<(), String> {
    for tag in tags(html) {
        let Tag { name, attributes } = &tag;
        let shown = || format!("<{name} {attributes:?}>");
        if FORBIDDEN.contains(&name.as_str()) {
            return Err(format!("an element that may run code: {}", shown()));
        }
        if name == "script" {
            let src = attribute(&tag, "src").unwrap_or_default();
            if attributes.len() != 1 || !src.contains("static/") || !src.ends_with(".js") {
                return Err(format!("a script that is not the theme's: {}", shown()));
            }
        }
        if name == "meta" && attribute(&tag, "http-equiv").is_some() {
            return Err(format!("a meta refresh: {}", shown()));
        }
        if name == "form"
            && !attribute(&tag, "action")
                .unwrap_or_default()
                .ends_with("zoeken.html")
        {
            return Err(format!(
                "a form that is not the theme's search: {}",
                shown()
            ));
        }
        for (key, value) in attributes {
            if key.starts_with("on") {
                return Err(format!("an event handler attribute: {}", shown()));
            }
            let plain: String = decode(value)
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            let is_url = matches!(
                key.as_str(),
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "xlink:href"
                    | "data"
                    | "poster"
                    | "srcset"
            );
            if is_url
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| plain.starts_with(s))
            {
                return Err(format!("a URL that runs code: {}", shown()));
            }
            if plain.contains("expression(") || plain.contains("url(javascript") {
                return Err(format!("a style that runs code: {}", shown()));
            }
        }
    }
    Ok(())
}

struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

fn attribute(tag: &Tag, name: &str) -> Option<String> {
    tag.attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// Every start tag in a text, with its attributes. Comments are skipped.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        i += offset + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |e| i + e);
        let name = html[i..name_end].to_lowercase();
        let mut attributes = Vec::new();
        let mut j = name_end;
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let key_end = html[j..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(html.len(), |e| j + e);
            let key = html[j..key_end].to_lowercase();
            j = key_end.max(j + 1);
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let end = html[j + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| j + 1 + e);
                        value = html[j + 1..end].to_string();
                        j = end + 1;
                    }
                    _ => {
                        let end = html[j..]
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .map_or(html.len(), |e| j + e);
                        value = html[j..end].to_string();
                        j = end;
                    }
                }
            }
            attributes.push((key, value));
        }
        out.push(Tag { name, attributes });
        i = j.min(html.len());
    }
    out
}

/// Decodes numeric character references and the few named ones that spell URLs.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .unwrap_or(rest.len());
        let entity = &rest[..end];
        let decoded = if let Some(number) = entity.strip_prefix("#x").or(entity.strip_prefix("#X"))
        {
            u32::from_str_radix(number, 16)
                .ok()
                .and_then(char::from_u32)
        } else if let Some(number) = entity.strip_prefix('#') {
            number.parse().ok().and_then(char::from_u32)
        } else {
            match entity {
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_checker_sees_what_a_browser_would_run() {
    assert!(check(
        "<p>Tekst &lt;script&gt; onerror=x</p><script src=\"../static/zoeken.js\"></script>"
    )
    .is_ok());
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x OnError=alert(1)>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href='JaVaScRiPt&colon;alert(1)'>x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<iframe src=x></iframe>",
        "<meta http-equiv=refresh content=\"0;url=x\">",
        "<form action=\"https://evil\">",
        "<p style=\"width: expression(alert(1))\">",
    ] {
        assert!(check(bad).is_err(), "{bad}");
    }
}
