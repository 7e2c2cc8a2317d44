/* The search page (zoeken.html): results as you type, filters, "meer resultaten" and keyboard moves.
   The engine is zoek/zoek.js (KennisbankSearch), loaded here through a <script> tag the first time it is
   needed, so that it works from file:// as well as on any static host. The page's texts come from the
   data- attributes of form#zoeken (from nl.yaml). Result titles are inserted as text; only the engine's
   snippet, which it escapes itself, is inserted as HTML. The URL follows the query (?q=&type=&...) so a
   search can be bookmarked, shared or reloaded. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 120; // ms between the last keystroke and the search
  var PAGE_SIZE = 10; // results shown at first, and added by "meer resultaten"
  var FILTERS = ["type", "onderwijstype", "thema"];

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* Loads zoek/zoek.js once; resolves with the engine. */
  var enginePromise = null;
  function loadEngine(src) {
    if (enginePromise) return enginePromise;
    enginePromise = new Promise(function (resolve, reject) {
      if (window.KennisbankSearch && window.KennisbankSearch.search) return resolve(window.KennisbankSearch);
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () {
        if (window.KennisbankSearch && window.KennisbankSearch.search) resolve(window.KennisbankSearch);
        else reject(new Error(src + " did not define KennisbankSearch"));
      };
      script.onerror = function () {
        // Forget the failure, so that the next search tries again (a slow USB stick, a dropped connection).
        script.remove();
        enginePromise = null;
        reject(new Error("cannot load " + src));
      };
      document.head.appendChild(script);
    });
    return enginePromise;
  }

  function start() {
    var form = document.getElementById("zoeken");
    if (!form) return;
    var box = document.getElementById("zoekterm");
    var status = document.querySelector(".zoekstatus");
    var list = document.querySelector(".zoekresultaten");
    var more = document.querySelector(".zoekmeer");
    var moreButton = more.querySelector("button");
    var moreCount = more.querySelector(".zoekmeer-stand");
    var root = form.getAttribute("data-root") || "";
    var text = function (name) { return form.getAttribute("data-" + name) || ""; };

    var selects = {};
    FILTERS.forEach(function (name) {
      var select = document.getElementById("filter-" + name);
      if (select) selects[name] = select;
    });
    // The Dutch name of each content type, from the type filter's options.
    var typeNames = {};
    if (selects.type) {
      Array.prototype.forEach.call(selects.type.options, function (o) {
        if (o.value) typeNames[o.value] = o.getAttribute("data-naam") || o.textContent;
      });
    }

    var latest = 0; // of the latest search; an older answer is dropped
    var timer = null;
    var typing = false; // the last word is still being typed
    var limit = PAGE_SIZE;
    var shown = null; // {answerKey, count}: what the list shows now

    function chosenFilters() {
      var out = {};
      FILTERS.forEach(function (name) {
        if (selects[name] && selects[name].value) out[name] = selects[name].value;
      });
      return out;
    }

    /* What identifies an answer: the query as typed and the filters. */
    function answerKey(term, filters) {
      return JSON.stringify([term, filters]);
    }

    function updateUrl() {
      var params = new URLSearchParams();
      if (box.value.trim()) params.set("q", box.value);
      var filters = chosenFilters();
      FILTERS.forEach(function (name) {
        if (filters[name]) params.set(name, filters[name]);
      });
      var query = params.toString();
      var url = location.href.replace(/[?#].*$/, "") + (query ? "?" + query : "");
      try {
        history.replaceState(null, "", url);
      } catch (e) {
        // Some browsers refuse replaceState on file:// URLs; the search works without it.
      }
    }

    function showStatus(message) {
      if (status.textContent !== message) status.textContent = message;
    }

    function clear() {
      list.textContent = "";
      list.hidden = true;
      more.hidden = true;
      shown = null;
    }

    function resultItem(r) {
      var li = document.createElement("li");
      li.className = "item zoekresultaat";
      var heading = document.createElement("h2");
      heading.className = "item-titel";
      var a = document.createElement("a");
      // "./" keeps a URL that looks like a scheme ("javascript:") a relative path.
      a.href = (root || "./") + r.url;
      a.textContent = r.title;
      heading.appendChild(a);
      li.appendChild(heading);
      var typeName = typeNames[r.type] || r.type;
      if (typeName) {
        var meta = document.createElement("p");
        meta.className = "item-meta";
        var typeLabel = document.createElement("span");
        typeLabel.className = "soort soort-" + r.type;
        typeLabel.textContent = typeName;
        meta.appendChild(typeLabel);
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

    /* Shows an answer; `stillTyping` means the last word is still being typed. */
    function show(answer, term, filters, stillTyping, focusFrom) {
      var shownQuery = term.trim();
      if (answer.reason === "empty") {
        clear();
        showStatus("");
        return;
      }
      if (answer.reason === "stop-words") {
        clear();
        showStatus(fill(text("stopwoorden"), { zoekterm: shownQuery }));
        return;
      }
      if (!answer.total) {
        clear();
        // One or two letters typed so far: too early to say that nothing matches.
        if (stillTyping && shownQuery.length < 3) {
          showStatus("");
          return;
        }
        var tip = Object.keys(filters).length ? text("geen-tip-filter") : text("geen-tip");
        showStatus(fill(text("geen"), { zoekterm: shownQuery }) + " " + tip);
        return;
      }
      list.textContent = "";
      answer.results.forEach(function (r) {
        list.appendChild(resultItem(r));
      });
      list.hidden = false;
      shown = { answerKey: answerKey(term, filters), count: answer.results.length };
      var template = answer.total === 1 ? text("een") : text("aantal");
      showStatus(fill(template, { aantal: answer.total, zoekterm: shownQuery }));
      more.hidden = answer.total <= answer.results.length;
      moreCount.textContent = fill(text("getoond"), { getoond: answer.results.length, aantal: answer.total });
      if (focusFrom !== undefined) {
        var links = list.querySelectorAll(".item-titel a");
        if (links[focusFrom]) links[focusFrom].focus();
      }
    }

    /* Searches for what the box and filters say now; `focusFrom` focuses that result afterwards. */
    function search(focusFrom) {
      clearTimeout(timer);
      var number = ++latest;
      var term = box.value;
      var filters = chosenFilters();
      updateUrl();
      if (!term.trim()) {
        show({ results: [], total: 0, reason: "empty" }, term, filters, false);
        return;
      }
      var options = { limit: limit, prefix: typing };
      FILTERS.forEach(function (name) {
        if (filters[name]) options[name] = filters[name];
      });
      loadEngine(form.getAttribute("data-motor"))
        .then(function (engine) {
          return engine.search(term, options);
        })
        .then(
          function (answer) {
            if (number === latest) show(answer, term, filters, options.prefix, focusFrom);
          },
          function () {
            if (number !== latest) return;
            clear();
            showStatus(text("fout"));
          }
        );
    }

    function resultLinks() {
      return Array.prototype.slice.call(list.querySelectorAll(".item-titel a"));
    }

    box.addEventListener("input", function () {
      typing = true;
      limit = PAGE_SIZE;
      clearTimeout(timer);
      timer = setTimeout(function () { search(); }, DEBOUNCE_MS);
    });

    box.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") {
        var links = resultLinks();
        if (links.length && !list.hidden) {
          e.preventDefault();
          links[0].focus();
        }
      } else if (e.key === "Escape") {
        if (box.value) {
          e.preventDefault();
          box.value = "";
          limit = PAGE_SIZE;
          search();
        }
      } else if (e.key === "Enter" && !e.isComposing) {
        // Results for exactly this query are on screen: open the first. Otherwise the form submits.
        var first = resultLinks()[0];
        if (first && shown && shown.answerKey === answerKey(box.value, chosenFilters())) {
          e.preventDefault();
          location.href = first.href;
        }
      }
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      typing = false;
      limit = PAGE_SIZE;
      search();
    });

    Object.keys(selects).forEach(function (name) {
      selects[name].addEventListener("change", function () {
        limit = PAGE_SIZE;
        search();
      });
    });

    list.addEventListener("keydown", function (e) {
      var links = resultLinks();
      var current = links.indexOf(document.activeElement);
      if (current < 0) return;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (current + 1 < links.length) links[current + 1].focus();
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (current > 0) links[current - 1].focus();
        else box.focus();
      } else if (e.key === "Escape") {
        e.preventDefault();
        box.focus();
      }
    });

    moreButton.addEventListener("click", function () {
      var from = shown ? shown.count : 0;
      limit = from + PAGE_SIZE;
      search(from);
    });

    // Load the engine as soon as the reader turns to the search box, so the first results come quickly.
    var preload = function () { loadEngine(form.getAttribute("data-motor")).catch(function () {}); };
    box.addEventListener("focus", preload);

    // A search from the URL: the header box of another page, a bookmark, a reload.
    var params = new URLSearchParams(location.search);
    box.value = params.get("q") || "";
    FILTERS.forEach(function (name) {
      if (selects[name] && params.get(name)) selects[name].value = params.get(name);
    });
    form.hidden = false;
    if (box.value.trim()) search();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
