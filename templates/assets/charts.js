/* sinoreport charts: progressive enhancement of the inline SVG charts.
   Every chart is already in the page as SVG (readable without JavaScript, in print and in feeds).
   On pages that have charts, this loader fetches the Vega bundle served beside it (never a CDN),
   only when a chart comes near the viewport, and swaps in the interactive view with tooltips.
   If anything fails, the SVG simply stays. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var loading = null;

  function loadBundle(name) {
    if (window.vegaEmbed) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("vega/" + name, here || document.baseURI).href;
        s.async = true;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + s.src)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function enhance(fig) {
    if (fig.getAttribute("data-state")) return;
    var specEl = fig.querySelector("script.sr-chart-spec");
    var still = fig.querySelector(".sr-chart-svg");
    if (!specEl || !still) return;
    fig.setAttribute("data-state", "loading");
    var live = null;
    loadBundle(fig.getAttribute("data-vega"))
      .then(function () {
        live = document.createElement("div");
        live.className = "sr-chart-live";
        still.insertAdjacentElement("afterend", live);
        return window.vegaEmbed(live, JSON.parse(specEl.textContent), {
          renderer: "svg",   // text and axes use currentColor: they follow Material's light/dark scheme
          actions: false,    // no export menu (it links to the online Vega editor)
          tooltip: { theme: "custom" }
        });
      })
      .then(function () {
        still.hidden = true;
        fig.setAttribute("data-state", "interactive");
      })
      .catch(function (err) {
        if (live) live.remove();
        fig.setAttribute("data-state", "static");
        if (window.console) console.warn("sinoreport: chart stays static:", err);
      });
  }

  function init() {
    var figs = document.querySelectorAll("figure.sr-chart[data-vega]");
    if (!figs.length) return;
    if (!("IntersectionObserver" in window)) {
      figs.forEach(enhance);
      return;
    }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) {
          io.unobserve(e.target);
          enhance(e.target);
        }
      });
    }, { rootMargin: "300px 0px" });
    figs.forEach(function (f) { io.observe(f); });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);  // Material's instant navigation, when enabled
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
