/* Progressive enhancement for charts: every chart is already an <img> of a pre-rendered SVG.
   Where the page carries the Vega-Lite spec (<script type="application/json" class="pulso-spec">),
   load the vendored vega-embed bundle (same folder, no CDN) and swap in the interactive chart with
   tooltips. Failing that, the <img> simply stays. */
(function () {
  var here = document.currentScript && document.currentScript.src;
  var bundle = here ? here.replace(/charts\.js(\?.*)?$/, "vendor/vega-bundle.js") : null;
  var loading = null;

  function loadBundle() {
    if (window.vegaEmbed) return Promise.resolve();
    if (!bundle) return Promise.reject(new Error("no bundle path"));
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = bundle;
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function enhance() {
    var specs = document.querySelectorAll("figure.pulso-chart > script.pulso-spec");
    if (!specs.length) return;
    loadBundle().then(function () {
      specs.forEach(function (node) {
        var figure = node.parentNode;
        if (figure.querySelector(".pulso-live")) return;
        var spec = JSON.parse(node.textContent);
        var target = document.createElement("div");
        target.className = "pulso-live";
        figure.insertBefore(target, node);
        var room = figure.clientWidth;
        if (room && spec.width && room < spec.width + 80) {
          spec.width = Math.max(160, room - 80);
        }
        window.vegaEmbed(target, spec, { actions: false, renderer: "svg", mode: "vega-lite" }).then(function () {
          figure.classList.add("pulso-chart--live");
        }).catch(function () { target.remove(); });
      });
    }).catch(function () { /* keep the static SVGs */ });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
