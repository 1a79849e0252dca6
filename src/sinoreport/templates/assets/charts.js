/* sinoreport charts: progressive enhancement of the inline SVG charts.
   Every chart is already in the page as SVG (readable without JavaScript, in print and in feeds).
   The Vega bundle (served beside this file, never from a CDN) is fetched at low priority when a chart
   comes near the viewport, but only run when the reader reaches for a chart (pointer, touch or focus):
   evaluating it is one long task of ~0.8 s on a mid-range phone, which readers who only look at the
   SVG should not pay. After that, every chart near the viewport swaps in its interactive view with
   tooltips. If anything fails, the SVG simply stays. */
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

  var prefetched = false;

  function prefetch(name) {
    if (prefetched || window.vegaEmbed) return;
    if (navigator.connection && navigator.connection.saveData) return;  // the reader asked for less data
    prefetched = true;
    var l = document.createElement("link");
    l.rel = "prefetch";
    l.as = "script";
    l.href = new URL("vega/" + name, here || document.baseURI).href;
    document.head.appendChild(l);
  }

  var INTENT = ["pointerenter", "touchstart", "focusin"];

  function init() {
    var figs = Array.prototype.slice.call(document.querySelectorAll("figure.sr-chart[data-vega]"));
    if (!figs.length) return;
    var near = new Set();
    var wanted = false;  // has the reader reached for a chart yet?

    function onIntent(e) {
      wanted = true;
      enhance(e.currentTarget);
      near.forEach(enhance);
    }
    figs.forEach(function (f) {
      INTENT.forEach(function (t) { f.addEventListener(t, onIntent, { once: true, passive: true }); });
    });
    if (!("IntersectionObserver" in window)) {
      figs.forEach(function (f) { near.add(f); });
      return;
    }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        io.unobserve(e.target);
        near.add(e.target);
        prefetch(e.target.getAttribute("data-vega"));
        if (wanted) enhance(e.target);
      });
    }, { rootMargin: "300px 0px" });
    figs.forEach(function (f) { io.observe(f); });
  }

  // Nothing here is urgent: set up when the browser is idle, so this never lengthens the load's tasks.
  function later() {
    if (window.requestIdleCallback) window.requestIdleCallback(init, { timeout: 2000 });
    else window.setTimeout(init, 200);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(later);  // Material's instant navigation, when enabled
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", later, { once: true });  // sent again for Material (main.html)
  } else {
    later();
  }
})();
