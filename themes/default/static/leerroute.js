/* Leerroute progress, kept in this browser only.
   On a leerroute page: the step checkboxes (input[data-stap] inside [data-leerroute]) restore and save
   their state in localStorage under "kennisbank.leerroute.<route_id>" (a JSON array of step ids), and
   the progress line follows. On the home page: every [data-leerroute-voortgang][data-totaal] element
   shows "x van n stappen gedaan" and a <progress>. Plain script, no modules, no network: it works from
   file://. Without localStorage the checkboxes still work, they are just not remembered. */
(function () {
  "use strict";

  var PREFIX = "kennisbank.leerroute.";

  function opslag() {
    try {
      var s = window.localStorage;
      var proef = PREFIX + "__proef";
      s.setItem(proef, "1");
      s.removeItem(proef);
      return s;
    } catch (e) {
      return null;
    }
  }

  function lees(store, routeId) {
    if (!store) return [];
    try {
      var waarde = JSON.parse(store.getItem(PREFIX + routeId) || "[]");
      if (!Array.isArray(waarde)) return [];
      return waarde.filter(function (id) { return typeof id === "string"; });
    } catch (e) {
      return [];
    }
  }

  function bewaar(store, routeId, ids) {
    if (!store) return false;
    try {
      store.setItem(PREFIX + routeId, JSON.stringify(ids));
      return true;
    } catch (e) {
      return false;
    }
  }

  function vul(sjabloon, waarden) {
    return String(sjabloon || "").replace(/\{(\w+)\}/g, function (heel, naam) {
      return Object.prototype.hasOwnProperty.call(waarden, naam) ? String(waarden[naam]) : heel;
    });
  }

  function toonVoortgang(blok, gedaan, totaal, sjabloon) {
    if (!blok) return;
    var tekst = blok.querySelector(".voortgang-tekst");
    if (tekst) tekst.textContent = vul(sjabloon, { gedaan: gedaan, totaal: totaal });
    var balk = blok.querySelector("progress");
    if (balk) {
      balk.max = totaal > 0 ? totaal : 1;
      balk.value = gedaan;
    }
    blok.hidden = false;
  }

  /* A leerroute page: one block per route (normally one). */
  function leerroutePagina(route, store) {
    var routeId = route.getAttribute("data-leerroute");
    if (!routeId) return;
    var vinkjes = Array.prototype.slice.call(route.querySelectorAll("input[type=checkbox][data-stap]"));
    var blok = route.querySelector(".voortgang");
    var sjabloon = route.getAttribute("data-sjabloon") || "{gedaan} / {totaal}";

    function werkBij() {
      var gedaan = vinkjes.filter(function (v) { return v.checked; }).length;
      toonVoortgang(blok, gedaan, vinkjes.length, sjabloon);
    }

    function zetUitOpslag() {
      var opgeslagen = lees(store, routeId);
      vinkjes.forEach(function (v) {
        v.checked = opgeslagen.indexOf(v.getAttribute("data-stap")) !== -1;
      });
      werkBij();
    }

    zetUitOpslag();

    vinkjes.forEach(function (v) {
      v.addEventListener("change", function () {
        // Keep ids of steps this page does not show (an older version of the route) untouched.
        var ids = lees(store, routeId).filter(function (id) {
          return !vinkjes.some(function (w) { return w.getAttribute("data-stap") === id; });
        });
        vinkjes.forEach(function (w) {
          if (w.checked) ids.push(w.getAttribute("data-stap"));
        });
        bewaar(store, routeId, ids);
        werkBij();
      });
    });

    if (!store) {
      var melding = route.getAttribute("data-niet-bewaard");
      if (melding && blok) {
        var p = document.createElement("p");
        p.className = "voortgang-melding";
        p.textContent = melding;
        blok.appendChild(p);
      }
    } else {
      window.addEventListener("storage", function (e) {
        if (e.key === PREFIX + routeId) zetUitOpslag();
      });
    }
  }

  /* The home page: progress per route, and a link to the first step not yet done. */
  function homeVoortgang(blok, store) {
    var routeId = blok.getAttribute("data-leerroute-voortgang");
    var totaal = parseInt(blok.getAttribute("data-totaal"), 10);
    if (!routeId || !(totaal >= 0)) return;
    var stappen = (blok.getAttribute("data-stappen") || "").split(/\s+/).filter(Boolean);
    var opgeslagen = lees(store, routeId);
    var gedaan;
    var volgende = null;
    if (stappen.length) {
      gedaan = stappen.filter(function (id) { return opgeslagen.indexOf(id) !== -1; }).length;
      for (var i = 0; i < stappen.length; i++) {
        if (opgeslagen.indexOf(stappen[i]) === -1) { volgende = { id: stappen[i], nummer: i + 1 }; break; }
      }
    } else {
      gedaan = Math.min(opgeslagen.length, totaal);
    }
    if (!store) return; // nothing remembered, so nothing to show
    toonVoortgang(blok, gedaan, totaal, blok.getAttribute("data-sjabloon") || "{gedaan} / {totaal}");

    var oud = blok.querySelector(".voortgang-verder");
    if (oud) oud.parentNode.removeChild(oud);
    var url = blok.getAttribute("data-url");
    if (gedaan > 0 && gedaan < totaal && volgende && url) {
      var a = document.createElement("a");
      a.className = "voortgang-verder";
      a.href = url + "#" + encodeURIComponent(volgende.id);
      a.textContent = vul(blok.getAttribute("data-verder") || "{nummer}", { nummer: volgende.nummer });
      blok.appendChild(a);
    } else if (totaal > 0 && gedaan >= totaal && blok.getAttribute("data-klaar")) {
      var klaar = document.createElement("p");
      klaar.className = "voortgang-verder";
      klaar.textContent = blok.getAttribute("data-klaar");
      blok.appendChild(klaar);
    }
  }

  function start() {
    var store = opslag();
    Array.prototype.forEach.call(document.querySelectorAll("[data-leerroute]"), function (route) {
      leerroutePagina(route, store);
    });
    var blokken = document.querySelectorAll("[data-leerroute-voortgang][data-totaal]");
    Array.prototype.forEach.call(blokken, function (blok) { homeVoortgang(blok, store); });
    if (store && blokken.length) {
      window.addEventListener("storage", function (e) {
        if (e.key && e.key.indexOf(PREFIX) === 0) {
          Array.prototype.forEach.call(blokken, function (blok) { homeVoortgang(blok, store); });
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
