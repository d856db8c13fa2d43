// Keeps the progress bar of a readiness recompute up to date and reloads the page
// when it is done. Without JavaScript the page offers a link that does the same.
(function () {
  "use strict";
  var box = document.getElementById("recompute-progress");
  if (!box) {
    return;
  }
  var bar = document.getElementById("recompute-progress-bar");
  var text = document.getElementById("recompute-progress-text");

  function poll() {
    fetch(box.dataset.statusUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        bar.value = status.percent;
        bar.textContent = status.percent + " %";
        text.textContent = status.text;
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 500);
})();
