/* Pulso's own small table helper (no library): every `.pulso-table` table
   1. labels each cell with its column header (data-label), so on a phone the CSS can show rows as cards;
   2. sorts by a column when its header is clicked (numbers as numbers in es or en writing, `data-sort`
      when a cell gives one), ascending then descending; aria-sort says which way.
   Works offline and from file://; without JavaScript the tables stay readable (they scroll inside). */
(function () {
  "use strict";
  function number(text) {
    var t = text.replace(/[\s\u00a0%]|pp|h|min|d/g, "").replace("\u2212", "-");
    if (/^[+-]?[\d.]+,\d+$/.test(t)) t = t.replace(/\./g, "").replace(",", ".");   // 1.234,5
    else t = t.replace(/,(?=\d{3}\b)/g, "").replace(/\.(?=\d{3}\b)(?!\d*\.)/g, "");   // 1,234 / 1.234
    return /^[+-]?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
  }
  function key(cell) {
    var given = cell.getAttribute("data-sort");
    if (given !== null) { var n = parseFloat(given); return isNaN(n) ? given : n; }
    var text = cell.textContent.trim(), n2 = number(text);
    return n2 === null ? text.toLowerCase() : n2;
  }
  function compare(a, b) {
    if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
    return typeof a === "number" ? -1 : 1;                  // numbers before words ("–" last)
  }
  function sortBy(table, index, th) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.map(function (r, i) { return [key(r.cells[index] || r.cells[0]), i, r]; })
      .sort(function (x, y) { return dir * compare(x[0], y[0]) || x[1] - y[1]; })
      .forEach(function (x) { body.appendChild(x[2]); });
  }
  function setUp(table) {
    if (table.getAttribute("data-pulso-table") || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-pulso-table", "1");
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
    table.classList.add("pulso-cards");
    if (table.tBodies[0].rows.length < 5) return;            // short lists need no sorting
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.classList.add("pulso-sortable");
      th.setAttribute("tabindex", "0");
      th.addEventListener("click", function () { sortBy(table, i, th); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, i, th); } });
    });
  }
  function all() { document.querySelectorAll(".pulso-table table").forEach(setUp); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(all);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
