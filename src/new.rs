//! `kennisbank new <type> "<titel>"`: writes a new page with its type's front matter, ready to fill in. The file
//! builds as written (placeholders where the editor has to fill in), except a leerroute, whose first step must
//! name an existing page.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Kind;
use crate::diagnostic::{Diagnostic, Sources};
use crate::text::slugify;

/// Creates the file and returns its path. Never overwrites an existing file.
pub fn new_page(
    site: &Path,
    kind_name: &str,
    title: &str,
    today: chrono::NaiveDate,
) -> Result<PathBuf, Diagnostic> {
    let kind = Kind::from_name(kind_name).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        Diagnostic::error(format!("`{kind_name}` is not a content type"))
            .hint(format!("use one of: {}", names.join(", ")))
    })?;
    let config = Config::load(site, &Sources::default()).map_err(|mut e| e.remove(0))?;
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(
            Diagnostic::error("the title has no letters or digits to make a file name of")
                .hint("e.g. kennisbank new praktijkvoorbeeld \"Een brugfunctie in het onderwijs\""),
        );
    }
    let folder = site.join("content").join(kind.folder().unwrap_or(""));
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        return Err(
            Diagnostic::error(format!("{} already exists", path.display()))
                .hint("choose another title, or edit the existing file"),
        );
    }
    let theme = config.themas.first().cloned().unwrap_or_default();
    let text = scaffold(kind, title, &theme, today);
    std::fs::create_dir_all(&folder)
        .and_then(|_| std::fs::write(&path, text))
        .map_err(|e| Diagnostic::error(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

fn yaml_string(text: &str) -> String {
    serde_yaml::to_string(text)
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

fn scaffold(kind: Kind, title: &str, theme: &str, today: chrono::NaiveDate) -> String {
    let titel = yaml_string(title);
    let theme_line = if theme.is_empty() {
        String::new()
    } else {
        format!(
            "thema: [{}]            # uit de lijst `themas` in kennisbank.yaml\n",
            yaml_string(theme)
        )
    };
    let bron = "bron:\n  titel: …               # titel van het brondocument\n  uitgever: …\n  jaar: 2026\n";
    let fields = match kind {
        Kind::Praktijkvoorbeeld => format!(
            "samenvatting: …          # één of twee zinnen\n\
             datum: {today}\n\
             organisaties: [ … ]\n\
             regio: …                 # gemeente of regio\n\
             onderwijstype: [po]      # po, vo, mbo, so, vso, sbo, voorschool\n\
             {theme_line}\
             doelgroep: …\n\
             {bron}\
             contacten: []            # bestandsnamen in content/contacten/, zonder .md\n"
        ),
        Kind::Werkwijze => format!(
            "samenvatting: …\n{bron}fasen:\n  - naam: Aanmeldfase\n    samenvatting: …\n    stappen:\n      - …\n    voorwaarden: []\n    rollen: []\n"
        ),
        Kind::Contact => "regio: …\norganisaties:\n  - naam: …\n    soort: …\n    plaats: …\n    website: https://…\n\
             personen:                # personen zijn intern, tenzij `zichtbaarheid: publiek`\n  - naam: …\n    rol: …\n    email: …\n".to_string(),
        Kind::Begrip => "betekenis: …             # één zin\nafkortingen: []\nvarianten: []\nverwant: []\n".to_string(),
        // A step must name a page that exists: the editor fills it in, and the build says so until then.
        Kind::Leerroute => "samenvatting: …\nstappen:                   # pagina's onder content/, zonder .md\n  - pagina: …\n    toelichting: …\n".to_string(),
        Kind::Bijeenkomst => format!(
            "datum: {today}\nsamenvatting: …\n{bron}organisatoren: []\nlocatie: …\nprogramma:\n  - tijd: \"13.00\"\n    onderdeel: …\nstellingen:\n  - stelling: …\npraktijkvoorbeelden: []\n"
        ),
        Kind::Artikel => format!("samenvatting: …\n{bron}{theme_line}"),
        Kind::Pagina => String::new(),
    };
    let body = match kind {
        Kind::Praktijkvoorbeeld => "\n## Op welke vraag of behoefte geeft dit praktijkvoorbeeld antwoord?\n\n…\n\n## Hoe werkt het?\n\n…\n\n## Was de doelgroep betrokken bij de ontwikkeling?\n\n## Wat levert het op?\n\n## Is de borging geregeld?\n\n## Hoe is het gefinancierd?\n\n## Met wie wordt samengewerkt?\n\n## Tips (succesfactoren en valkuilen)\n\n## Meer weten?\n",
        _ => "\n…\n",
    };
    format!("---\ntitel: {titel}\n{fields}---\n{body}")
}
