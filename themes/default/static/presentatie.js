/* Presentation mode: shows the page as full-screen slides for a projector, from the "Presenteren" button
   ([data-presenteren], hidden until this script runs) or from a link with ?presentatie in its address.

   The slides are made here, from the page as it is: a title slide (the page's type, title and summary), then
   one slide per section (each <h2>); a meeting page (bijeenkomst) brings its own deck in <template id="dia-bron">:
   programme, practice examples and statements. Every slide is laid out at 1280×720 and scaled to the screen,
   so what fits on one projector fits on all; a section that does not fit goes on over more slides, split
   between blocks, list items, table rows or sentences. A statement's poll result is revealed by the next key
   press, after the room has discussed it.

   Keys: → ↓ space PageDown (what a clicker sends) next; ← ↑ PageUp previous; Home, End; F full screen; Escape
   back to the page. The slide's number is kept in the address (#dia-3). Printing while presenting gives one
   slide per landscape page (the stylesheet's @page dia). Works from file://: nothing is fetched. */
(function () {
  "use strict";

  var BREEDTE = 1280;
  var HOOGTE = 720;
  /* The button is looked up when it is used, not kept: `kennisbank serve` may swap the page's body in place. */
  function knop() {
    return document.querySelector("[data-presenteren]");
  }
  if (!knop()) return;

  var teksten = {};
  function leesTeksten() {
    try {
      teksten = JSON.parse(knop().getAttribute("data-teksten") || "{}");
    } catch (e) {
      teksten = {};
    }
  }
  function tekst(naam, waarden) {
    var t = String(teksten[naam] || naam);
    Object.keys(waarden || {}).forEach(function (k) {
      t = t.split("{" + k + "}").join(String(waarden[k]));
    });
    return t;
  }

  var scherm = null; // the open presentation: { wortel, podium, dias, nummer, eigenVolledig }

  /* ---- From the page to slides ---------------------------------------------------------------- */

  function maak(soort, klasse) {
    var el = document.createElement(soort);
    if (klasse) el.className = klasse;
    return el;
  }

  /* A copy of a block for a slide: no ids (the page has them already), no heading anchors, open details. */
  function kopie(el) {
    var c = el.cloneNode(true);
    if (c.nodeType !== 1) return c;
    if (c.hasAttribute("id")) c.removeAttribute("id");
    c.querySelectorAll("[id]").forEach(function (x) { x.removeAttribute("id"); });
    c.querySelectorAll(".anker, script, template").forEach(function (x) { x.remove(); });
    c.querySelectorAll("details").forEach(function (x) { x.open = true; });
    if (c.tagName === "DETAILS") c.open = true;
    return c;
  }

  function kopTekst(h) {
    var c = h.cloneNode(true);
    c.querySelectorAll(".anker").forEach(function (x) { x.remove(); });
    return c.textContent.trim();
  }

  var OVERSLAAN = ".toc, .backlinks, .pagina-acties, .afdrukken-link, .skiplink, script, template, style, nav";

  /* The page's own slides: its head as the title slide, then its text in groups, one per <h2>. A <section> with
     its own heading ends its group, so the text after it starts a new one under the page's title. */
  function diasVanPagina() {
    var kop = document.querySelector(".pagina-kop");
    var titel = kop.querySelector("h1");
    var dias = [];
    var eerste = maak("section", "dia dia-titel");
    var soort = kop.querySelector(".soort-label .soort");
    if (soort) eerste.appendChild(maak("p", "dia-soort")).textContent = soort.textContent.trim();
    eerste.appendChild(maak("h1")).textContent = titel.textContent.trim();
    var samenvatting = kop.querySelector(".samenvatting");
    if (samenvatting) eerste.appendChild(maak("p", "dia-samenvatting")).textContent = samenvatting.textContent.trim();
    dias.push(eerste);

    var groep = null;
    function nieuw(kopTekstWaarde) {
      groep = maak("section", "dia");
      groep.appendChild(maak("h2")).textContent = kopTekstWaarde;
      dias.push(groep);
    }
    function verzamel(ouder) {
      Array.prototype.forEach.call(ouder.children, function (kind) {
        if (kind.matches(OVERSLAAN) || kind === kop) return;
        if (kind.tagName === "H2") {
          nieuw(kopTekst(kind));
        } else if (/^(DIV|SECTION|ARTICLE|ASIDE)$/.test(kind.tagName) && kind.querySelector("h2")) {
          verzamel(kind);
          if (kind.tagName === "SECTION") groep = null;
        } else if (!kind.classList.contains("vh")) {
          if (!groep) nieuw(titel.textContent.trim());
          groep.appendChild(kopie(kind));
        }
      });
    }
    verzamel(kop.parentElement);
    return dias.filter(function (d) { return d.children.length > 1 || d === eerste; });
  }

  /* A meeting's own deck, made by the theme from the page's values. */
  function diasVanBron(bron) {
    var dias = [];
    Array.prototype.forEach.call(bron.content.children, function (el) {
      if (el.classList.contains("dia")) dias.push(kopie(el));
    });
    return dias;
  }

  /* Every slide gets the same frame: a head (kicker and heading) and a body that must not overflow. */
  function omlijst(dia) {
    var kop = maak("div", "dia-kop");
    var inhoud = maak("div", "dia-inhoud");
    var kopKlaar = false;
    Array.prototype.slice.call(dia.childNodes).forEach(function (n) {
      var isKop = n.nodeType === 1 && !kopKlaar && (n.matches(".dia-soort") || /^H[12]$/.test(n.tagName));
      if (isKop) {
        kop.appendChild(n);
        if (n.tagName === "H1" || n.tagName === "H2") kopKlaar = true;
      } else if (n.nodeType === 1 || n.textContent.trim()) {
        kopKlaar = true;
        inhoud.appendChild(n);
      }
    });
    dia.appendChild(kop);
    dia.appendChild(inhoud);
    return dia;
  }

  /* ---- Splitting what does not fit ------------------------------------------------------------ */

  function past(dia) {
    var inhoud = dia.querySelector(".dia-inhoud");
    return inhoud.scrollHeight <= inhoud.clientHeight + 1 && inhoud.scrollWidth <= inhoud.clientWidth + 1 &&
      dia.scrollHeight <= dia.clientHeight + 1;
  }

  function vervolgVan(dia) {
    var volgende = maak("section", dia.className.replace(/\bactief\b/, "").trim());
    volgende.classList.remove("dia-titel", "dia-hoofdstuk");
    var kop = dia.querySelector(".dia-kop").cloneNode(true);
    var h = kop.querySelector("h1, h2");
    if (h && !h.querySelector(".dia-vervolg")) {
      h.appendChild(document.createTextNode(" "));
      h.appendChild(maak("span", "dia-vervolg")).textContent = "(" + tekst("vervolg") + ")";
    }
    volgende.appendChild(kop);
    volgende.appendChild(maak("div", "dia-inhoud"));
    return volgende;
  }

  /* Moves text from the end of el into a new element of the same kind until el fits, cutting after a sentence
     if one will do, otherwise after a word. Returns the new element, or null if no cut makes it fit. */
  function splitsTekst(el, fits) {
    function grenzen(patroon) {
      var uit = [];
      var loper = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      var n;
      while ((n = loper.nextNode())) {
        var m;
        patroon.lastIndex = 0;
        while ((m = patroon.exec(n.data))) {
          var plek = m.index + m[0].length;
          if (plek < n.data.length) uit.push([n, plek]);
        }
      }
      return uit;
    }
    var pogingen = [/[.!?;:][”’"')]*\s+/g, /\s+/g];
    for (var p = 0; p < pogingen.length; p++) {
      var lijst = grenzen(pogingen[p]);
      for (var i = lijst.length - 1; i >= 0; i--) {
        var r = document.createRange();
        r.setStart(lijst[i][0], lijst[i][1]);
        r.setEnd(el, el.childNodes.length);
        var rest = r.extractContents();
        if (el.textContent.trim() && fits()) {
          var nieuw = el.cloneNode(false);
          nieuw.appendChild(rest);
          return nieuw;
        }
        el.appendChild(rest);
      }
    }
    return null;
  }

  /* Moves children from the end of el into a shallow copy until el fits, keeping at least one. */
  function splitsKinderen(el, fits, kinderen) {
    var nieuw = el.cloneNode(false);
    var items = kinderen(el);
    if (items.length < 2) return null;
    for (var i = items.length - 1; i >= 1 && !fits(); i--) {
      nieuw.insertBefore(items[i], nieuw.firstChild);
    }
    return nieuw.firstChild ? nieuw : null;
  }

  function splitsBlok(el, fits) {
    var tag = el.tagName;
    if (tag === "UL" || tag === "OL") {
      var lijst = splitsKinderen(el, fits, function (x) { return Array.prototype.slice.call(x.children); });
      if (lijst && tag === "OL") {
        var begin = parseInt(el.getAttribute("start") || "1", 10);
        lijst.setAttribute("start", String(begin + el.children.length));
      }
      if (lijst) return lijst;
      var enig = el.firstElementChild;
      var restItem = enig && splitsBlok(enig, fits);
      if (!restItem) return null;
      var verder = el.cloneNode(false);
      verder.appendChild(restItem);
      verder.classList.add("lijst-vervolg");
      if (tag === "OL") verder.setAttribute("start", el.getAttribute("start") || "1");
      return verder;
    }
    if (tag === "TABLE") {
      var lichaam = el.tBodies[0];
      if (!lichaam) return null;
      var rijen = splitsKinderen(lichaam, fits, function (x) { return Array.prototype.slice.call(x.rows); });
      if (!rijen) return null;
      var tabel = el.cloneNode(false);
      if (el.tHead) tabel.appendChild(el.tHead.cloneNode(true));
      tabel.appendChild(rijen);
      return tabel;
    }
    if (tag === "PRE") {
      var regels = el.textContent.split("\n");
      if (regels.length < 2) return null;
      var code = el.cloneNode(false);
      var achter = [];
      while (regels.length > 1 && !fits()) {
        achter.unshift(regels.pop());
        el.textContent = regels.join("\n");
      }
      code.textContent = achter.join("\n");
      return achter.length ? code : null;
    }
    var blokken = Array.prototype.filter.call(el.children, function (k) {
      return /^(P|UL|OL|DIV|BLOCKQUOTE|TABLE|PRE|FIGURE|DL|H[3-6]|SECTION)$/.test(k.tagName);
    });
    if (blokken.length > 0 && blokken.length === el.children.length) {
      var deel = splitsKinderen(el, fits, function (x) { return Array.prototype.slice.call(x.children); });
      if (deel) return deel;
      var binnen = splitsBlok(el.firstElementChild, fits);
      if (!binnen) return null;
      var omhulsel = el.cloneNode(false);
      omhulsel.appendChild(binnen);
      return omhulsel;
    }
    return splitsTekst(el, fits);
  }

  /* Lays out one slide and, while it does not fit, moves what does not into slides after it. */
  function verdeel(dia, podium) {
    var uit = [dia];
    var huidig = dia;
    podium.appendChild(huidig);
    huidig.classList.add("actief");
    var veiligheid = 200;
    while (!past(huidig) && veiligheid-- > 0) {
      var inhoud = huidig.querySelector(".dia-inhoud");
      var volgende = vervolgVan(huidig);
      var naar = volgende.querySelector(".dia-inhoud");
      var fits = function () { return past(huidig); };
      while (!past(huidig) && inhoud.children.length > 1) {
        naar.insertBefore(inhoud.lastElementChild, naar.firstChild);
      }
      // A heading never ends a slide: it goes with what follows it.
      while (inhoud.children.length > 1 && /^H[3-6]$/.test(inhoud.lastElementChild.tagName) && naar.firstChild) {
        naar.insertBefore(inhoud.lastElementChild, naar.firstChild);
      }
      if (!past(huidig) && inhoud.firstElementChild) {
        var rest = splitsBlok(inhoud.firstElementChild, fits);
        if (rest) naar.insertBefore(rest, naar.firstChild);
      }
      if (!past(huidig)) verklein(huidig);
      huidig.classList.remove("actief");
      if (!naar.firstChild) break;
      podium.appendChild(volgende);
      volgende.classList.add("actief");
      uit.push(volgende);
      huidig = volgende;
    }
    if (!past(huidig)) verklein(huidig);
    huidig.classList.remove("actief");
    return uit;
  }

  /* The last resort for what cannot be split (a large image, a very long word): smaller type, then scaled. */
  function verklein(dia) {
    dia.classList.add("dia-klein");
    if (past(dia)) return;
    var inhoud = dia.querySelector(".dia-inhoud");
    var factor = Math.max(0.3, Math.min(inhoud.clientHeight / inhoud.scrollHeight, inhoud.clientWidth / inhoud.scrollWidth));
    inhoud.style.zoom = String(Math.floor(factor * 100) / 100);
  }

  /* ---- Showing ---------------------------------------------------------------------------------- */

  function schaal() {
    if (!scherm) return;
    var s = Math.min(window.innerWidth / BREEDTE, window.innerHeight / HOOGTE);
    scherm.podium.style.transform = "translate(-50%, -50%) scale(" + s + ")";
  }

  function toon(n, vooruit) {
    var dias = scherm.dias;
    n = Math.max(0, Math.min(dias.length - 1, n));
    dias.forEach(function (d, i) {
      d.classList.toggle("actief", i === n);
      d.setAttribute("aria-hidden", i === n ? "false" : "true");
    });
    var onthul = dias[n].querySelectorAll(".dia-onthul");
    onthul.forEach(function (o) { o.classList.toggle("onthuld", !vooruit); });
    scherm.nummer = n;
    var titel = dias[n].querySelector(".dia-kop h1, .dia-kop h2, .dia-stelling-tekst");
    scherm.melding.textContent = tekst("dia_van", { n: n + 1, totaal: dias.length }) +
      (titel ? ": " + titel.textContent.trim() : "");
    try {
      history.replaceState(history.state, "", "#dia-" + (n + 1));
    } catch (e) { /* some file:// browsers refuse; the slide number is then not kept */ }
  }

  function volgende() {
    var huidig = scherm.dias[scherm.nummer];
    var verborgen = huidig.querySelector(".dia-onthul:not(.onthuld)");
    if (verborgen) {
      verborgen.classList.add("onthuld");
      return;
    }
    if (scherm.nummer < scherm.dias.length - 1) toon(scherm.nummer + 1, true);
  }

  function vorige() {
    if (scherm.nummer > 0) toon(scherm.nummer - 1, false);
  }

  function opKnop(klasse, label, symbool, actie) {
    var b = maak("button", "dia-knop " + klasse);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    if (symbool.charAt(0) === "<") b.innerHTML = symbool; else b.textContent = symbool;
    b.addEventListener("click", function (event) {
      event.stopPropagation();
      actie();
      if (scherm) scherm.podium.focus();
    });
    return b;
  }

  function volledigScherm() {
    var doc = document.documentElement;
    if (document.fullscreenElement) {
      scherm.eigenVolledig = false;
      document.exitFullscreen().catch(function () {});
    } else if (doc.requestFullscreen) {
      doc.requestFullscreen().then(function () {
        if (scherm) scherm.eigenVolledig = true;
      }).catch(function () {});
    }
  }

  function open(begin, metVolledigScherm) {
    if (scherm || !knop() || !document.querySelector(".pagina-kop h1")) return;
    leesTeksten();
    var bron = document.getElementById("dia-bron");
    var ruw = bron && bron.content ? diasVanBron(bron) : diasVanPagina();
    var wortel = maak("div", "presentatie");
    wortel.setAttribute("role", "dialog");
    wortel.setAttribute("aria-modal", "true");
    wortel.setAttribute("aria-label", tekst("dialoog", { titel: document.querySelector(".pagina-kop h1").textContent.trim() }));
    var podium = maak("div", "dia-podium");
    podium.tabIndex = -1;
    wortel.appendChild(podium);
    var melding = maak("p", "vh");
    melding.setAttribute("aria-live", "polite");
    wortel.appendChild(melding);
    Array.prototype.forEach.call(document.body.children, function (el) { el.inert = true; });
    document.body.appendChild(wortel);
    document.documentElement.classList.add("presenteert");
    scherm = { wortel: wortel, podium: podium, dias: [], nummer: 0, melding: melding, eigenVolledig: false };
    schaal();

    var dias = [];
    ruw.forEach(function (dia) {
      dias = dias.concat(verdeel(omlijst(dia), podium));
    });
    dias.forEach(function (dia, i) {
      dia.setAttribute("aria-roledescription", tekst("dia"));
      var voet = maak("div", "dia-voet");
      voet.appendChild(maak("span", "dia-nummer")).textContent = (i + 1) + " / " + dias.length;
      var balk = voet.appendChild(maak("span", "dia-voortgang"));
      balk.setAttribute("aria-hidden", "true");
      balk.appendChild(maak("span")).style.width = ((i + 1) / dias.length * 100).toFixed(2) + "%";
      dia.appendChild(voet);
    });
    scherm.dias = dias;
    var knoppen = maak("div", "dia-knoppen");
    knoppen.appendChild(opKnop("dia-vorige", tekst("vorige"), "‹", vorige));
    knoppen.appendChild(opKnop("dia-volgende", tekst("volgende"), "›", volgende));
    knoppen.appendChild(opKnop("dia-volledig", tekst("volledig_scherm"),
      '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false"><path d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6" fill="none" stroke="currentColor" stroke-width="2.5"/></svg>',
      volledigScherm));
    knoppen.appendChild(opKnop("dia-sluiten", tekst("sluiten"), "✕", sluit));
    podium.appendChild(knoppen);

    toon(begin || 0, true);
    podium.focus();
    if (metVolledigScherm) volledigScherm();
  }

  function sluit() {
    if (!scherm) return;
    var was = scherm;
    scherm = null;
    was.wortel.remove();
    document.documentElement.classList.remove("presenteert");
    Array.prototype.forEach.call(document.body.children, function (el) { el.inert = false; });
    if (document.fullscreenElement && was.eigenVolledig) document.exitFullscreen().catch(function () {});
    try {
      var zoek = location.search.replace(/([?&])presentatie(=[^&]*)?(&|$)/, "$1").replace(/[?&]$/, "");
      history.replaceState(history.state, "", location.pathname + zoek);
    } catch (e) { /* the address keeps its #dia-n */ }
    if (knop()) knop().focus();
  }

  /* ---- Keys, clicks and swipes ------------------------------------------------------------------ */

  document.addEventListener("keydown", function (event) {
    if (!scherm || event.ctrlKey || event.altKey || event.metaKey) return;
    var opKnopDoel = event.target instanceof Element && event.target.closest("button, a");
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case "n": case "N":
        volgende(); break;
      case " ": case "Spacebar":
        if (opKnopDoel) return;
        if (event.shiftKey) vorige(); else volgende();
        break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace": case "p": case "P":
        vorige(); break;
      case "Home": toon(0, false); break;
      case "End": toon(scherm.dias.length - 1, false); break;
      case "Escape": case "Esc": sluit(); break;
      case "f": case "F": volledigScherm(); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("fullscreenchange", function () {
    if (scherm && !document.fullscreenElement && scherm.eigenVolledig) sluit();
  });

  document.addEventListener("click", function (event) {
    if (!scherm || !(event.target instanceof Element) || !scherm.podium.contains(event.target)) return;
    if (event.target.closest("a, button, summary") || String(window.getSelection())) return;
    volgende();
  });

  var vegen = null;
  document.addEventListener("pointerdown", function (event) {
    if (scherm && event.pointerType !== "mouse") vegen = event.clientX;
  });
  document.addEventListener("pointerup", function (event) {
    if (!scherm || vegen === null) return;
    var dx = event.clientX - vegen;
    vegen = null;
    if (Math.abs(dx) > 60) (dx < 0 ? volgende : vorige)();
  });

  window.addEventListener("resize", schaal);

  /* An address with another #dia-n (typed, or back in the history) goes to that slide. */
  window.addEventListener("hashchange", function () {
    var m = /^#dia-(\d+)$/.exec(location.hash);
    if (scherm && m && parseInt(m[1], 10) - 1 !== scherm.nummer) toon(parseInt(m[1], 10) - 1, false);
  });

  /* The stylesheet shows the button once this class is set. */
  document.documentElement.classList.add("presenteren-kan");
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-presenteren]")) open(0, true);
  });

  var nummer = /^#dia-(\d+)$/.exec(location.hash);
  if (/[?&]presentatie(=|&|$)/.test(location.search)) open(nummer ? parseInt(nummer[1], 10) - 1 : 0, false);
})();
