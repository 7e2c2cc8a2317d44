/* The search page (zoeken.html): results as you type, filters, "meer resultaten" and keyboard moves.
   The engine is zoek/zoek.js (KennisbankZoek), loaded here through a <script> tag the first time it is
   needed, so that it works from file:// as well as on any static host. The page's texts come from the
   data- attributes of form#zoeken (from nl.yaml). Result titles are inserted as text; only the engine's
   snippet, which it escapes itself, is inserted as HTML. The URL follows the query (?q=&type=&...) so a
   search can be bookmarked, shared or reloaded. */
(function () {
  "use strict";

  var WACHTTIJD = 120; // ms between the last keystroke and the search
  var PER_KEER = 10; // results shown at first, and added by "meer resultaten"
  var FILTERS = ["type", "onderwijstype", "thema"];

  function vul(sjabloon, waarden) {
    return String(sjabloon || "").replace(/\{(\w+)\}/g, function (heel, naam) {
      return Object.prototype.hasOwnProperty.call(waarden, naam) ? String(waarden[naam]) : heel;
    });
  }

  /* Loads zoek/zoek.js once; resolves with the engine. */
  var motorBelofte = null;
  function laadMotor(src) {
    if (motorBelofte) return motorBelofte;
    motorBelofte = new Promise(function (resolve, reject) {
      if (window.KennisbankZoek && window.KennisbankZoek.zoek) return resolve(window.KennisbankZoek);
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () {
        if (window.KennisbankZoek && window.KennisbankZoek.zoek) resolve(window.KennisbankZoek);
        else reject(new Error(src + " did not define KennisbankZoek"));
      };
      script.onerror = function () {
        reject(new Error("cannot load " + src));
      };
      document.head.appendChild(script);
    });
    return motorBelofte;
  }

  function start() {
    var form = document.getElementById("zoeken");
    if (!form) return;
    var vak = document.getElementById("zoekterm");
    var status = document.querySelector(".zoekstatus");
    var lijst = document.querySelector(".zoekresultaten");
    var meer = document.querySelector(".zoekmeer");
    var meerKnop = meer.querySelector("button");
    var meerStand = meer.querySelector(".zoekmeer-stand");
    var root = form.getAttribute("data-root") || "";
    var tekst = function (naam) { return form.getAttribute("data-" + naam) || ""; };

    var keuzes = {};
    FILTERS.forEach(function (naam) {
      var select = document.getElementById("filter-" + naam);
      if (select) keuzes[naam] = select;
    });
    // The Dutch name of each content type, from the type filter's options.
    var typeNamen = {};
    if (keuzes.type) {
      Array.prototype.forEach.call(keuzes.type.options, function (o) {
        if (o.value) typeNamen[o.value] = o.getAttribute("data-naam") || o.textContent;
      });
    }

    var volgnummer = 0; // of the latest search; an older answer is dropped
    var wachten = null;
    var metPrefix = false; // the last word is still being typed
    var limiet = PER_KEER;
    var getoond = null; // {sleutel, aantal}: what the list shows now

    function gekozen() {
      var uit = {};
      FILTERS.forEach(function (naam) {
        if (keuzes[naam] && keuzes[naam].value) uit[naam] = keuzes[naam].value;
      });
      return uit;
    }

    /* What identifies an answer: the query as typed and the filters. */
    function sleutel(term, filters) {
      return JSON.stringify([term, filters]);
    }

    function werkUrlBij() {
      var params = new URLSearchParams();
      if (vak.value.trim()) params.set("q", vak.value);
      var filters = gekozen();
      FILTERS.forEach(function (naam) {
        if (filters[naam]) params.set(naam, filters[naam]);
      });
      var query = params.toString();
      var url = location.href.replace(/[?#].*$/, "") + (query ? "?" + query : "");
      try {
        history.replaceState(null, "", url);
      } catch (e) {
        // Some browsers refuse replaceState on file:// URLs; the search works without it.
      }
    }

    function toonStatus(bericht) {
      if (status.textContent !== bericht) status.textContent = bericht;
    }

    function leeg() {
      lijst.textContent = "";
      lijst.hidden = true;
      meer.hidden = true;
      getoond = null;
    }

    function resultaat(r) {
      var li = document.createElement("li");
      li.className = "item zoekresultaat";
      var kop = document.createElement("h2");
      kop.className = "item-titel";
      var a = document.createElement("a");
      // "./" keeps a URL that looks like a scheme ("javascript:") a relative path.
      a.href = (root || "./") + r.url;
      a.textContent = r.title;
      kop.appendChild(a);
      li.appendChild(kop);
      var soortNaam = typeNamen[r.type] || r.type;
      if (soortNaam) {
        var meta = document.createElement("p");
        meta.className = "item-meta";
        var soort = document.createElement("span");
        soort.className = "soort soort-" + r.type;
        soort.textContent = soortNaam;
        meta.appendChild(soort);
        li.appendChild(meta);
      }
      if (r.snippet) {
        var fragment = document.createElement("p");
        fragment.className = "item-samenvatting zoekfragment";
        fragment.innerHTML = r.snippet; // escaped by the engine, matches in <mark>
        li.appendChild(fragment);
      }
      return li;
    }

    /* Shows an answer; `bezig` means the last word is still being typed. */
    function toon(antwoord, term, filters, bezig, focusVanaf) {
      var zoekterm = term.trim();
      if (antwoord.reason === "leeg") {
        leeg();
        toonStatus("");
        return;
      }
      if (antwoord.reason === "stopwoorden") {
        leeg();
        toonStatus(vul(tekst("stopwoorden"), { zoekterm: zoekterm }));
        return;
      }
      if (!antwoord.total) {
        leeg();
        // One or two letters typed so far: too early to say that nothing matches.
        if (bezig && zoekterm.length < 3) {
          toonStatus("");
          return;
        }
        var tip = Object.keys(filters).length ? tekst("geen-tip-filter") : tekst("geen-tip");
        toonStatus(vul(tekst("geen"), { zoekterm: zoekterm }) + " " + tip);
        return;
      }
      lijst.textContent = "";
      antwoord.results.forEach(function (r) {
        lijst.appendChild(resultaat(r));
      });
      lijst.hidden = false;
      getoond = { sleutel: sleutel(term, filters), aantal: antwoord.results.length };
      var sjabloon = antwoord.total === 1 ? tekst("een") : tekst("aantal");
      toonStatus(vul(sjabloon, { aantal: antwoord.total, zoekterm: zoekterm }));
      meer.hidden = antwoord.total <= antwoord.results.length;
      meerStand.textContent = vul(tekst("getoond"), { getoond: antwoord.results.length, aantal: antwoord.total });
      if (focusVanaf !== undefined) {
        var links = lijst.querySelectorAll(".item-titel a");
        if (links[focusVanaf]) links[focusVanaf].focus();
      }
    }

    /* Searches for what the box and filters say now; `focusVanaf` focuses that result afterwards. */
    function zoek(focusVanaf) {
      clearTimeout(wachten);
      var nummer = ++volgnummer;
      var term = vak.value;
      var filters = gekozen();
      werkUrlBij();
      if (!term.trim()) {
        toon({ results: [], total: 0, reason: "leeg" }, term, filters, false);
        return;
      }
      var opties = { limit: limiet, prefix: metPrefix };
      FILTERS.forEach(function (naam) {
        if (filters[naam]) opties[naam] = filters[naam];
      });
      laadMotor(form.getAttribute("data-motor"))
        .then(function (motor) {
          return motor.zoek(term, opties);
        })
        .then(
          function (antwoord) {
            if (nummer === volgnummer) toon(antwoord, term, filters, opties.prefix, focusVanaf);
          },
          function () {
            if (nummer !== volgnummer) return;
            leeg();
            toonStatus(tekst("fout"));
          }
        );
    }

    function resultaatLinks() {
      return Array.prototype.slice.call(lijst.querySelectorAll(".item-titel a"));
    }

    vak.addEventListener("input", function () {
      metPrefix = true;
      limiet = PER_KEER;
      clearTimeout(wachten);
      wachten = setTimeout(function () { zoek(); }, WACHTTIJD);
    });

    vak.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var links = resultaatLinks();
        if (links.length && !lijst.hidden) {
          e.preventDefault();
          links[0].focus();
        }
      } else if (e.key === "Escape") {
        if (vak.value) {
          e.preventDefault();
          vak.value = "";
          limiet = PER_KEER;
          zoek();
        }
      } else if (e.key === "Enter" && !e.isComposing) {
        // Results for exactly this query are on screen: open the first. Otherwise the form submits.
        var eerste = resultaatLinks()[0];
        if (eerste && getoond && getoond.sleutel === sleutel(vak.value, gekozen())) {
          e.preventDefault();
          location.href = eerste.href;
        }
      }
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      metPrefix = false;
      limiet = PER_KEER;
      zoek();
    });

    Object.keys(keuzes).forEach(function (naam) {
      keuzes[naam].addEventListener("change", function () {
        limiet = PER_KEER;
        zoek();
      });
    });

    lijst.addEventListener("keydown", function (e) {
      var links = resultaatLinks();
      var hier = links.indexOf(document.activeElement);
      if (hier < 0) return;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (hier + 1 < links.length) links[hier + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (hier > 0) links[hier - 1].focus();
        else vak.focus();
      } else if (e.key === "Escape") {
        e.preventDefault();
        vak.focus();
      }
    });

    meerKnop.addEventListener("click", function () {
      var vanaf = getoond ? getoond.aantal : 0;
      limiet = vanaf + PER_KEER;
      zoek(vanaf);
    });

    // Load the engine as soon as the reader turns to the search box, so the first results come quickly.
    var laadVooraf = function () { laadMotor(form.getAttribute("data-motor")).catch(function () {}); };
    vak.addEventListener("focus", laadVooraf);

    // A search from the URL: the header box of another page, a bookmark, a reload.
    var params = new URLSearchParams(location.search);
    vak.value = params.get("q") || "";
    FILTERS.forEach(function (naam) {
      if (keuzes[naam] && params.get(naam)) keuzes[naam].value = params.get(naam);
    });
    form.hidden = false;
    if (vak.value.trim()) zoek();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
