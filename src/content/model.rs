//! The typed content model: a page, its front matter, and the fields of each content type.
//! Names follow the Dutch front matter keys editors type, so one thing has one name everywhere.

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

/// The content type, which follows from the first folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Praktijkvoorbeeld,
    Werkwijze,
    Contact,
    Begrip,
    Leerroute,
    Bijeenkomst,
    Artikel,
    Pagina,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Praktijkvoorbeeld,
        Kind::Werkwijze,
        Kind::Contact,
        Kind::Begrip,
        Kind::Leerroute,
        Kind::Bijeenkomst,
        Kind::Artikel,
        Kind::Pagina,
    ];

    /// The kind of a page in this top-level folder of `content/`.
    pub fn of_folder(folder: Option<&str>) -> Kind {
        Kind::ALL
            .into_iter()
            .find(|k| k.folder().is_some() && k.folder() == folder)
            .unwrap_or(Kind::Pagina)
    }

    /// The name editors and templates use: `praktijkvoorbeeld`, `werkwijze`, …
    pub fn name(self) -> &'static str {
        match self {
            Kind::Praktijkvoorbeeld => "praktijkvoorbeeld",
            Kind::Werkwijze => "werkwijze",
            Kind::Contact => "contact",
            Kind::Begrip => "begrip",
            Kind::Leerroute => "leerroute",
            Kind::Bijeenkomst => "bijeenkomst",
            Kind::Artikel => "artikel",
            Kind::Pagina => "pagina",
        }
    }

    pub fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Praktijkvoorbeeld => Some("praktijkvoorbeelden"),
            Kind::Werkwijze => Some("werkwijzen"),
            Kind::Contact => Some("contacten"),
            Kind::Begrip => Some("begrippen"),
            Kind::Leerroute => Some("leerroutes"),
            Kind::Bijeenkomst => Some("bijeenkomsten"),
            Kind::Artikel => Some("artikelen"),
            Kind::Pagina => None,
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Visibility {
    #[default]
    Publiek,
    Intern,
}

/// A reference from front matter to another page or contact sheet, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub target: String,
    /// Span in the page's file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bron {
    pub titel: String,
    pub uitgever: Option<String>,
    pub jaar: Option<i64>,
    pub url: Option<String>,
    pub deel: Option<String>,
}

/// The fields every content type has.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub titel: String,
    pub samenvatting: Option<String>,
    pub zichtbaarheid: Visibility,
    pub datum: Option<NaiveDate>,
    pub bijgewerkt: Option<NaiveDate>,
    /// Canonical theme names, as configured in `themas`.
    pub thema: Vec<String>,
    /// Codes: po, vo, mbo, so, vso, sbo, voorschool.
    pub onderwijstype: Vec<String>,
    pub regio: Option<String>,
    pub bronnen: Vec<Bron>,
    pub trefwoorden: Vec<String>,
    pub volgorde: Option<i64>,
    pub details: Details,
}

/// The fields of one content type.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Details {
    Praktijkvoorbeeld(Praktijkvoorbeeld),
    Werkwijze {
        fasen: Vec<Fase>,
    },
    Contact(ContactSheet),
    Begrip(Begrip),
    Leerroute {
        stappen: Vec<Stap>,
    },
    Bijeenkomst(Bijeenkomst),
    Artikel,
    #[default]
    Pagina,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Praktijkvoorbeeld {
    pub organisaties: Vec<String>,
    pub gemeente: Option<String>,
    pub doelgroep: Option<String>,
    pub leeftijd: Option<String>,
    pub periode: Option<String>,
    /// Contact sheets, by file name in `contacten/`.
    pub contacten: Vec<Ref>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fase {
    pub naam: String,
    pub samenvatting: Option<String>,
    pub stappen: Vec<String>,
    pub voorwaarden: Vec<String>,
    pub rollen: Vec<String>,
    pub duur: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactSheet {
    pub organisaties: Vec<Organisatie>,
    pub personen: Vec<Persoon>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Organisatie {
    pub naam: String,
    pub soort: Option<String>,
    pub plaats: Option<String>,
    pub website: Option<String>,
    pub telefoon: Option<String>,
    pub zichtbaarheid: Visibility,
}

/// A person on a contact sheet. People are internal unless marked `zichtbaarheid: publiek` (AVG).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Persoon {
    pub naam: String,
    pub rol: Option<String>,
    pub organisatie: Option<String>,
    pub email: Option<String>,
    pub telefoon: Option<String>,
    pub zichtbaarheid: Visibility,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Begrip {
    pub betekenis: String,
    pub afkortingen: Vec<String>,
    pub varianten: Vec<String>,
    pub verwant: Vec<Ref>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stap {
    pub pagina: Ref,
    pub toelichting: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bijeenkomst {
    pub organisatoren: Vec<String>,
    pub locatie: Option<String>,
    pub programma: Vec<Programmaonderdeel>,
    pub workshops: Vec<Workshop>,
    pub stellingen: Vec<Stelling>,
    pub praktijkvoorbeelden: Vec<Ref>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Programmaonderdeel {
    pub tijd: Option<String>,
    pub onderdeel: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workshop {
    pub titel: String,
    pub omschrijving: Option<String>,
    pub praktijkvoorbeeld: Option<Ref>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stelling {
    pub stelling: String,
    pub uitkomst: Option<String>,
    pub eens: Option<u32>,
    pub oneens: Option<u32>,
}

impl Stelling {
    /// The share of the room that agreed, in whole percent, when the page records a poll.
    pub fn percent_agree(&self) -> Option<u32> {
        let total = self.eens.unwrap_or(0) + self.oneens.unwrap_or(0);
        (total > 0).then(|| (self.eens.unwrap_or(0) * 100 + total / 2) / total)
    }
}

/// One Markdown file of the content folder, loaded and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Path as the user knows it, from the site folder: `content/praktijkvoorbeelden/x.md`.
    pub file: String,
    /// Path under `content/` without `.md`: `praktijkvoorbeelden/x` (what references name).
    pub key: String,
    /// Output path from the site root: `praktijkvoorbeelden/x.html`, `praktijkvoorbeelden/index.html`.
    pub url: String,
    /// The top-level folder under `content/`, if any.
    pub section: Option<String>,
    /// An `_index.md`: the intro of a section (or of the home page) rather than a page of its own.
    pub is_index: bool,
    pub kind: Kind,
    pub meta: Meta,
    /// The whole file's text; the Markdown body starts at `body_start`.
    pub text: Arc<str>,
    pub body_start: usize,
    /// The title's key for Dutch sorting (`text::sort_key`), made once when the file is read: lists sort by it
    /// on every build and rebuild.
    pub sort_key: String,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    pub fn is_public(&self) -> bool {
        self.meta.zichtbaarheid == Visibility::Publiek
    }

    /// The folder of the source file under `content/` (`praktijkvoorbeelden`), empty at the root.
    pub fn dir(&self) -> &str {
        self.key.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}
