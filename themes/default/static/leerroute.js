/* Leerroute progress, kept in this browser only.
   On a leerroute page: the step checkboxes (input[data-stap] inside [data-leerroute]) restore and save
   their state in localStorage under "kennisbank.leerroute.<route_id>" (a JSON array of step ids), and
   the progress line follows. On the home page: every [data-leerroute-voortgang][data-totaal] element
   shows "x van n stappen gedaan" and a <progress>. Plain script, no modules, no network: it works from
   file://. Without localStorage the checkboxes still work, they are just not remembered. */
(function () {
  "use strict";

  var PREFIX = "kennisbank.leerroute.";

  function storage() {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "__proef";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  function read(store, routeId) {
    if (!store) return [];
    try {
      var value = JSON.parse(store.getItem(PREFIX + routeId) || "[]");
      if (!Array.isArray(value)) return [];
      return value.filter(function (id) { return typeof id === "string"; });
    } catch (e) {
      return [];
    }
  }

  function save(store, routeId, ids) {
    if (!store) return false;
    try {
      store.setItem(PREFIX + routeId, JSON.stringify(ids));
      return true;
    } catch (e) {
      return false;
    }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function showProgress(block, done, total, template) {
    if (!block) return;
    var text = block.querySelector(".voortgang-tekst");
    if (text) text.textContent = fill(template, { gedaan: done, totaal: total });
    var bar = block.querySelector("progress");
    if (bar) {
      bar.max = total > 0 ? total : 1;
      bar.value = done;
    }
    block.hidden = false;
  }

  /* A leerroute page: one block per route (normally one). */
  function routePage(route, store) {
    var routeId = route.getAttribute("data-leerroute");
    if (!routeId) return;
    var checkboxes = Array.prototype.slice.call(route.querySelectorAll("input[type=checkbox][data-stap]"));
    var block = route.querySelector(".voortgang");
    var template = route.getAttribute("data-sjabloon") || "{gedaan} / {totaal}";

    function update() {
      var done = checkboxes.filter(function (v) { return v.checked; }).length;
      showProgress(block, done, checkboxes.length, template);
    }

    function restore() {
      var saved = read(store, routeId);
      checkboxes.forEach(function (v) {
        v.checked = saved.indexOf(v.getAttribute("data-stap")) !== -1;
      });
      update();
    }

    restore();

    checkboxes.forEach(function (v) {
      v.addEventListener("change", function () {
        // Keep ids of steps this page does not show (an older version of the route) untouched.
        var ids = read(store, routeId).filter(function (id) {
          return !checkboxes.some(function (w) { return w.getAttribute("data-stap") === id; });
        });
        checkboxes.forEach(function (w) {
          if (w.checked) ids.push(w.getAttribute("data-stap"));
        });
        save(store, routeId, ids);
        update();
      });
    });

    if (!store) {
      var notice = route.getAttribute("data-niet-bewaard");
      if (notice && block) {
        var p = document.createElement("p");
        p.className = "voortgang-melding";
        p.textContent = notice;
        block.appendChild(p);
      }
    } else {
      window.addEventListener("storage", function (e) {
        if (e.key === PREFIX + routeId) restore();
      });
    }
  }

  /* The home page: progress per route, and a link to the first step not yet done. */
  function homeProgress(block, store) {
    var routeId = block.getAttribute("data-leerroute-voortgang");
    var total = parseInt(block.getAttribute("data-totaal"), 10);
    if (!routeId || !(total >= 0)) return;
    var steps = (block.getAttribute("data-stappen") || "").split(/\s+/).filter(Boolean);
    var saved = read(store, routeId);
    var done;
    var next = null;
    if (steps.length) {
      done = steps.filter(function (id) { return saved.indexOf(id) !== -1; }).length;
      for (var i = 0; i < steps.length; i++) {
        if (saved.indexOf(steps[i]) === -1) { next = { id: steps[i], number: i + 1 }; break; }
      }
    } else {
      done = Math.min(saved.length, total);
    }
    if (!store) return; // nothing remembered, so nothing to show
    showProgress(block, done, total, block.getAttribute("data-sjabloon") || "{gedaan} / {totaal}");

    var previous = block.querySelector(".voortgang-verder");
    if (previous) previous.parentNode.removeChild(previous);
    var url = block.getAttribute("data-url");
    if (done > 0 && done < total && next && url) {
      var a = document.createElement("a");
      a.className = "voortgang-verder";
      a.href = url + "#" + encodeURIComponent(next.id);
      a.textContent = fill(block.getAttribute("data-verder") || "{nummer}", { nummer: next.number });
      block.appendChild(a);
    } else if (total > 0 && done >= total && block.getAttribute("data-klaar")) {
      var finished = document.createElement("p");
      finished.className = "voortgang-verder";
      finished.textContent = block.getAttribute("data-klaar");
      block.appendChild(finished);
    }
  }

  function start() {
    var store = storage();
    Array.prototype.forEach.call(document.querySelectorAll("[data-leerroute]"), function (route) {
      routePage(route, store);
    });
    var blocks = document.querySelectorAll("[data-leerroute-voortgang][data-totaal]");
    Array.prototype.forEach.call(blocks, function (block) { homeProgress(block, store); });
    if (store && blocks.length) {
      window.addEventListener("storage", function (e) {
        if (e.key && e.key.indexOf(PREFIX) === 0) {
          Array.prototype.forEach.call(blocks, function (block) { homeProgress(block, store); });
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
