/* sinoreport "Cite this": a Copy button beside each citation, BibTeX and CSL-JSON. The text is on the
   page without it (and the files to download); this only shows the buttons where the clipboard works. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("button.sr-copy").forEach(function (b) {
    var holder = b.closest("details") || b.parentElement;
    var source = holder && holder.querySelector("pre code, .sr-cite-text > span");
    if (!source) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      var label = b.textContent;
      navigator.clipboard.writeText(source.textContent).then(function () {
        b.textContent = b.getAttribute("data-copied") || label;
        window.setTimeout(function () { b.textContent = label; }, 1500);
      });
    });
  });
})();
