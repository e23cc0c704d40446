/* Pulso's queue filters (Respuestas page): source, intent, sentiment, owner, owned/third-party and a text
   search over the items already on the page. No network, no library: works offline and from file://.
   Without JavaScript the form stays hidden and every item is shown. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* A link such as responses.html?source=ID (a source page's "Sin respuesta") opens the queue filtered:
     each known filter in the address picks its option, when the page has one with that value. */
  function preset(form) {
    var params = new URLSearchParams(window.location.search);
    var changed = false;
    ["source", "intent", "sentiment", "owner", "owned"].forEach(function (key) {
      var field = form.elements.namedItem(key);
      var value = params.get(key);
      if (!field || value === null) { return; }
      var known = Array.prototype.some.call(field.options || [], function (o) { return o.value === value; });
      if (known) { field.value = value; changed = true; }
    });
    return changed;
  }

  function setup(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll("ol.pulso-queue > li.pulso-q"));
    var words = items.map(function (li) { return fold(li.textContent || ""); });
    var keys = ["source", "intent", "sentiment", "owner", "owned"];
    var count = form.querySelector(".pulso-qfilters__count");

    function apply() {
      var wanted = {};
      keys.forEach(function (key) {
        var field = form.elements.namedItem(key);
        wanted[key] = field ? field.value : "";
      });
      var search = form.elements.namedItem("q");
      var terms = search ? fold(search.value).split(/\s+/).filter(Boolean) : [];
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = keys.every(function (key) { return !wanted[key] || li.getAttribute("data-" + key) === wanted[key]; })
          && terms.every(function (term) { return words[i].indexOf(term) !== -1; });
        li.hidden = !ok;
        if (ok && li.closest("#" + form.getAttribute("data-for"))) { shown += 1; }
      });
      if (count) { count.textContent = "(" + count.getAttribute("data-template").replace("{n}", String(shown)) + ")"; }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    var details = form.querySelector("details");
    if (details && window.matchMedia("(min-width: 60em)").matches) { details.open = true; }
    if (preset(form) && details) { details.open = true; }
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.pulso-qfilters"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
