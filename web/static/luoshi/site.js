// Every page: the collapsing menu on phones, and the column names each table cell needs when a table turns into
// cards on a narrow screen (data-label, from the table's header). A static file: no inline script, no on… handler.
document.addEventListener("DOMContentLoaded", function () {
  var bar = document.querySelector(".topbar");
  var toggle = document.querySelector(".menu-toggle");
  if (bar && toggle) {
    toggle.addEventListener("click", function () {
      var open = bar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.querySelectorAll("table.grid, table.data").forEach(function (table) {
    var head = table.tHead ? table.tHead.rows[0] : null;
    if (!head) {
      var first = table.rows[0];
      if (first && first.querySelector("th") && !first.querySelector("td")) { head = first; }
    }
    if (!head) { return; }
    head.classList.add("head-row");
    var names = [];
    Array.prototype.forEach.call(head.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i++) { names.push(cell.textContent.trim()); }
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      if (row === head) { return; }
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && names[column]) {
          cell.setAttribute("data-label", names[column]);
        }
        column += cell.colSpan || 1;
      });
    });
  });
});
