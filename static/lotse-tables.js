/* Tables become cards on a phone: every cell gets the text of its column header as
   `data-label`, which the stylesheet shows in front of the value below 40rem.
   Without this script a table stays a table that scrolls sideways. */
(function () {
  "use strict";
  function label(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) { return; }
    var names = Array.prototype.map.call(head.cells, function (cell) {
      return (cell.textContent || "").replace(/\s+/g, " ").trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (names[column]) { cell.setAttribute("data-label", names[column]); }
          column += cell.colSpan || 1;
        });
      });
    });
    table.classList.add("table--cards");
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.table"), label);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
