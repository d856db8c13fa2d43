// Keeps the progress of a staff import up to date and shows the result when the
// job has finished. Without JavaScript the page offers a link that does the same.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) {
    return;
  }
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  // Screen readers hear the status line; it changes only every tenth of the way.
  var lastStep = -1;

  function show(status) {
    bar.value = status.percent;
    bar.textContent = status.percent + " %";
    var step = Math.floor(status.percent / 10) + ":" + status.status;
    if (step !== lastStep) {
      lastStep = step;
      text.textContent = status.text;
    }
  }

  function poll() {
    fetch(box.dataset.statusUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        show(status);
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 2000);
})();
