// A checkbox with data-check-all="NAME" ticks or clears every checkbox named NAME (the review queue's 全选).
// A static file, no inline handler: the Content-Security-Policy allows scripts from the app only.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-check-all]")) { return; }
  document.querySelectorAll('input[type=checkbox][name="' + box.dataset.checkAll + '"]').forEach(function (c) {
    c.checked = box.checked;
  });
});
