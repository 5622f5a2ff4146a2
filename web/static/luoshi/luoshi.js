// The app's own behaviour on every page. The Content-Security-Policy runs no inline script and no on…= handler,
// so pages say what they want with data- attributes and this file does it (docs/security.md).
(function () {
  "use strict";

  // <select data-submit-on-change>: choosing an option submits its form (a filter, a period).
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-submit-on-change]");
    if (select && select.form) { select.form.submit(); }
  });

  // <input type="checkbox" data-select-all="NAME">: ticks or clears every checkbox named NAME.
  document.addEventListener("change", function (event) {
    var all = event.target.closest("input[data-select-all]");
    if (!all) { return; }
    document.querySelectorAll('input[type="checkbox"][name="' + all.dataset.selectAll + '"]').forEach(function (box) {
      box.checked = all.checked;
    });
  });

  // <button data-confirm="question">: asks before its form is sent; "cancel" sends nothing.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) { event.preventDefault(); }
  });

  // <… data-swap-statuses="400 409">: htmx swaps in these error answers too (a form with its errors, an edit
  // conflict with the current content) instead of ignoring them.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var holder = event.target.closest("[data-swap-statuses]");
    if (!holder) { return; }
    var statuses = holder.dataset.swapStatuses.split(/\s+/);
    if (statuses.indexOf(String(event.detail.xhr.status)) >= 0) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Phones: the collapsing menu, and the column name each table cell needs when a table turns into cards on a
  // narrow screen (data-label, from the table's header).
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
})();
