/* The "Afdrukken / PDF" links (a[data-afdrukken]). Without JavaScript they lead to the whole-handbook print
   page; with it, a click prints the page the reader is on, through the browser's print dialog (which also
   saves a PDF). A click with a modifier key (open in a new tab) still follows the link. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-afdrukken]") : null;
    if (!link || typeof window.print !== "function") return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    window.print();
  });
})();
