// Draws every chart of a dashboard page from the figure JSON in its json_script
// block. The data tables under each chart hold the same figures without script.
(function () {
  "use strict";
  if (typeof window.Plotly === "undefined") {
    return;
  }
  // No mode bar: it would inject per-chart style rules, which our CSP forbids.
  var config = { displayModeBar: false, responsive: true, locale: "de" };
  document.querySelectorAll("[data-figure]").forEach(function (box) {
    var source = document.getElementById(box.dataset.figure);
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(box, figure.data, figure.layout, config);
  });
})();
