// Draws every <div data-chart="ID"> with the ECharts option in <script id="ID" type="application/json">.
// ECharts is shipped in static/vendor (no CDN). Each drawn chart gets data-rendered="1" (the browser tests wait on it).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || typeof echarts === "undefined") { return; }
    var option = JSON.parse(source.textContent);
    if (navigator.webdriver) { option.animation = false; }  // screenshots in the browser tests show the final chart
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", function (params) {  // a slice or bar with a link opens the rows behind it
      if (params.data && params.data.link) { window.location.href = params.data.link; }
    });
    el.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
});
