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
})();
