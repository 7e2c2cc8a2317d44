/* Live reload for `kennisbank serve` (never part of a build). Listens to the server's messages:
   - a rebuild changed this page's own file: the page fetches itself and swaps in the new content in place,
     keeping its scroll position, without a blank flash (a page with scripts of its own reloads instead);
   - the theme or configuration changed: the page reloads, and scrolls back to where the reader was;
   - a rebuild failed: an overlay shows the errors; the next good rebuild removes it. */
(function () {
  "use strict";
  if (!window.EventSource || !window.fetch) return;

  var SCROLL = "kennisbank-serve-scroll:" + location.pathname;
  var OVERLAY = "kennisbank-serve-fouten";

  function ownFile() {
    var path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }

  function restoreScroll() {
    var saved = sessionStorage.getItem(SCROLL);
    if (!saved) return;
    sessionStorage.removeItem(SCROLL);
    var xy = saved.split(",");
    scrollBack(Number(xy[0]), Number(xy[1]));
  }

  /* At once, even where the theme asks for smooth scrolling. */
  function scrollBack(x, y) {
    window.scrollTo({ left: x, top: y, behavior: "instant" });
  }

  function reload() {
    sessionStorage.setItem(SCROLL, window.scrollX + "," + window.scrollY);
    location.reload();
  }

  /* Scripts of the page's own (search, reading-path progress) would not run again in swapped content. Printing
     and presentation mode listen on the document and find their buttons when used, so they go on working. */
  function ownScripts(doc) {
    return Array.prototype.some.call(doc.querySelectorAll("script[src]"), function (script) {
      var src = script.getAttribute("src");
      return !/livereload\.js$/.test(src) && !/static\/(afdrukken|presentatie)\.js$/.test(src);
    });
  }

  function swap() {
    fetch(location.href, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        if (ownScripts(document) || ownScripts(next)) return reload();
        var x = window.scrollX, y = window.scrollY;
        document.title = next.title;
        document.body.className = next.body.className;
        document.body.replaceChildren.apply(document.body, Array.prototype.slice.call(next.body.childNodes));
        scrollBack(x, y);
        document.documentElement.setAttribute("data-herladen", String(Date.now()));
      })
      .catch(reload);
  }

  function hideErrors() {
    var overlay = document.getElementById(OVERLAY);
    if (overlay) overlay.remove();
  }

  function showErrors(text) {
    hideErrors();
    var overlay = document.createElement("div");
    overlay.id = OVERLAY;
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.textContent = "De site kon niet opnieuw worden gebouwd";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.4rem;color:#ffb4a8";
    var help = document.createElement("p");
    help.textContent = "Je ziet nog de laatste versie die wel lukte. Herstel wat hieronder staat en sla het " +
      "bestand op: deze melding verdwijnt dan vanzelf.";
    var report = document.createElement("pre");
    report.textContent = text;
    report.style.cssText = "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;background:#000;" +
      "padding:1rem;border-radius:4px";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Verbergen";
    close.addEventListener("click", hideErrors);
    overlay.append(title, help, report, close);
    document.body.appendChild(overlay);
  }

  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll);

  var events = new EventSource("/__kennisbank/events");
  events.onmessage = function (event) {
    var message = JSON.parse(event.data);
    if (message.type === "errors") {
      showErrors(message.text);
    } else if (message.type === "reload") {
      hideErrors();
      if (message.everything) reload();
      else if (message.changed.indexOf(ownFile()) !== -1) swap();
    }
  };
})();
