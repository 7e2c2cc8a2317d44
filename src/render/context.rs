//! Turns the resolved site into the ready-made values templates present (see the README, "Themes"): dates in
//! Dutch, labels, URLs from the site root, contact cards, phases, steps. Templates compute nothing of their own.

use serde_json::{json, Value};

use super::theme::Labels;
use crate::content::{Bron, Details, Kind, Page};
use crate::site::{Site, SitePage};
use crate::text::slugify;

pub struct Values<'a> {
    pub site: &'a Site,
    pub labels: &'a Labels,
}

impl Values<'_> {
    pub fn date(&self, date: Option<chrono::NaiveDate>) -> String {
        use chrono::Datelike;
        let Some(date) = date else {
            return String::new();
        };
        let month = self
            .labels
            .maanden
            .get(date.month0() as usize)
            .cloned()
            .unwrap_or_else(|| date.month().to_string());
        format!("{} {month} {}", date.day(), date.year())
    }

    pub fn type_label(&self, kind: Kind) -> String {
        self.labels
            .types
            .get(kind.name())
            .cloned()
            .unwrap_or_else(|| kind.name().to_string())
    }

    fn term_link(&self, taxonomy: &str, value: &str, label: String) -> Value {
        let url = self
            .site
            .taxonomies
            .iter()
            .find(|t| t.name == taxonomy)
            .and_then(|t| t.term(value))
            .map(|t| t.url.clone())
            .unwrap_or_default();
        json!({ "naam": label, "url": url })
    }

    pub fn onderwijstype_label(&self, code: &str) -> String {
        self.labels
            .onderwijstypes
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    /// A page as an item in a list: what a list shows of it.
    pub fn item(&self, sp: &SitePage) -> Value {
        let page = &sp.page;
        let meta = &page.meta;
        json!({
            "titel": meta.titel,
            "url": page.url,
            "kind": page.kind.name(),
            "type_label": self.type_label(page.kind),
            "samenvatting": meta.samenvatting.clone().unwrap_or_default(),
            "datum": self.date(meta.datum),
            "datum_iso": meta.datum.map(|d| d.to_string()).unwrap_or_default(),
            "intern": !page.is_public(),
            "onderwijstypes": meta.onderwijstype.iter()
                .map(|o| self.term_link("onderwijstype", o, self.onderwijstype_label(o)))
                .collect::<Vec<_>>(),
            "regio": meta.regio.as_ref().map(|r| self.term_link("regio", r, r.clone())),
        })
    }

    /// A page to render on its own: its fields, its body, table of contents and backlinks.
    pub fn full(&self, sp: &SitePage) -> Value {
        let mut value = self.fields(sp);
        let extra = json!({
            "inhoud": sp.rendered.html,
            "toc": sp.rendered.toc,
            "backlinks": sp.backlinks.iter()
                .filter_map(|k| self.site.page(k))
                .map(|b| json!({ "titel": b.page.meta.titel, "url": b.page.url, "type_label": self.type_label(b.page.kind) }))
                .collect::<Vec<_>>(),
        });
        merge(&mut value, extra);
        if sp.page.kind == Kind::Bijeenkomst {
            value["presentatie"] = super::presentation::meeting_examples(self, sp);
        }
        value
    }

    /// A page without its body, table of contents and backlinks: the item plus its dates, themes, sources and its
    /// type's fields. The print page renders the body itself.
    pub fn fields(&self, sp: &SitePage) -> Value {
        let mut value = self.item(sp);
        let meta = &sp.page.meta;
        let extra = json!({
            "bijgewerkt": self.date(meta.bijgewerkt),
            "bijgewerkt_iso": meta.bijgewerkt.map(|d| d.to_string()).unwrap_or_default(),
            "themas": meta.thema.iter().map(|t| self.term_link("thema", t, t.clone())).collect::<Vec<_>>(),
            "bronnen": meta.bronnen.iter().map(bron).collect::<Vec<_>>(),
            "trefwoorden": meta.trefwoorden,
        });
        merge(&mut value, extra);
        merge(&mut value, self.details(&sp.page));
        value
    }

    fn details(&self, page: &Page) -> Value {
        let site = self.site;
        match &page.meta.details {
            Details::Praktijkvoorbeeld(p) => json!({
                "organisaties": p.organisaties.iter()
                    .map(|o| self.term_link("organisatie", o, o.clone()))
                    .collect::<Vec<_>>(),
                "gemeente": p.gemeente,
                "doelgroep": p.doelgroep,
                "leeftijd": p.leeftijd,
                "periode": p.periode,
                "contactkaarten": p.contacten.iter()
                    .filter_map(|r| site.lookup(&r.target, Some("contacten")))
                    .map(|c| self.card(c))
                    .collect::<Vec<_>>(),
            }),
            Details::Werkwijze { fasen } => json!({
                "fasen": fasen.iter().enumerate().map(|(i, f)| json!({
                    "nummer": i + 1,
                    "id": slugify(&f.naam),
                    "naam": f.naam,
                    "samenvatting": f.samenvatting,
                    "stappen": f.stappen,
                    "voorwaarden": f.voorwaarden,
                    "rollen": f.rollen,
                    "duur": f.duur,
                })).collect::<Vec<_>>(),
            }),
            Details::Contact(_) => json!({
                "kaart": site.page(&page.key).map(|sp| self.card(sp)),
            }),
            Details::Begrip(b) => json!({
                "betekenis": b.betekenis,
                "afkortingen": b.afkortingen,
                "varianten": b.varianten,
                "verwant": b.verwant.iter()
                    .filter_map(|r| site.lookup(&r.target, Some("begrippen")))
                    .map(|t| json!({ "titel": t.page.meta.titel, "url": t.page.url }))
                    .collect::<Vec<_>>(),
            }),
            Details::Leerroute { stappen } => json!({
                "route_id": route_id(page),
                "stappen": stappen.iter()
                    .filter_map(|s| Some((s, site.lookup(&s.pagina.target, None)?)))
                    .enumerate()
                    .map(|(i, (s, target))| json!({
                        "nummer": i + 1,
                        "id": slugify(&target.page.key),
                        "titel": target.page.meta.titel,
                        "url": target.page.url,
                        "type_label": self.type_label(target.page.kind),
                        "samenvatting": target.page.meta.samenvatting.clone().unwrap_or_default(),
                        "toelichting": s.toelichting.clone().unwrap_or_default(),
                    }))
                    .collect::<Vec<_>>(),
            }),
            Details::Bijeenkomst(b) => {
                let example = |target: &str| {
                    site.lookup(target, Some("praktijkvoorbeelden")).map(|p| {
                        json!({
                            "titel": p.page.meta.titel,
                            "url": p.page.url,
                            "samenvatting": p.page.meta.samenvatting.clone().unwrap_or_default(),
                        })
                    })
                };
                json!({
                    "organisatoren": b.organisatoren,
                    "locatie": b.locatie,
                    "programma": b.programma.iter()
                        .map(|p| json!({ "tijd": p.tijd, "onderdeel": p.onderdeel }))
                        .collect::<Vec<_>>(),
                    "workshops": b.workshops.iter().map(|w| json!({
                        "titel": w.titel,
                        "omschrijving": w.omschrijving,
                        "praktijkvoorbeeld": w.praktijkvoorbeeld.as_ref().and_then(|r| example(&r.target)),
                    })).collect::<Vec<_>>(),
                    "stellingen": b.stellingen.iter().map(|s| json!({
                        "stelling": s.stelling,
                        "uitkomst": s.uitkomst,
                        "eens": s.eens,
                        "oneens": s.oneens,
                        "eens_procent": s.percent_agree(),
                    })).collect::<Vec<_>>(),
                    "praktijkvoorbeelden": b.praktijkvoorbeelden.iter()
                        .filter_map(|r| example(&r.target))
                        .collect::<Vec<_>>(),
                })
            }
            Details::Artikel | Details::Pagina => json!({}),
        }
    }

    /// A contact sheet as a card; in a public edition its internal people and organisations are already gone.
    pub fn card(&self, sp: &SitePage) -> Value {
        let Details::Contact(sheet) = &sp.page.meta.details else {
            return Value::Null;
        };
        json!({
            "titel": sp.page.meta.titel,
            "url": sp.page.url,
            "regio": sp.page.meta.regio.clone().unwrap_or_default(),
            "organisaties": sheet.organisaties.iter().map(|o| json!({
                "naam": o.naam,
                "soort": o.soort,
                "plaats": o.plaats,
                "website": o.website,
                "telefoon": o.telefoon,
            })).collect::<Vec<_>>(),
            "personen": sheet.personen.iter().map(|p| json!({
                "naam": p.naam,
                "rol": p.rol,
                "organisatie": p.organisatie,
                "email": p.email,
                "telefoon": p.telefoon,
            })).collect::<Vec<_>>(),
        })
    }
}

/// The key under which a reader's progress on a reading path is kept in the browser.
pub fn route_id(page: &Page) -> String {
    slugify(&page.key)
}

fn bron(b: &Bron) -> Value {
    json!({
        "titel": b.titel,
        "uitgever": b.uitgever,
        "jaar": b.jaar,
        "url": b.url,
        "deel": b.deel,
        "tekst": bron_text(b),
    })
}

/// A source as one line: title, part, publisher and year.
pub fn bron_text(b: &Bron) -> String {
    let mut tekst = b.titel.clone();
    if let Some(deel) = &b.deel {
        tekst.push_str(&format!(", {deel}"));
    }
    let publisher: Vec<String> = b
        .uitgever
        .iter()
        .cloned()
        .chain(b.jaar.map(|j| j.to_string()))
        .collect();
    if !publisher.is_empty() {
        tekst.push_str(&format!(". {}", publisher.join(", ")));
    }
    tekst.push('.');
    tekst
}

pub fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(into), Value::Object(from)) = (into, from) {
        into.extend(from);
    }
}
