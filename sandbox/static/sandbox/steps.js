/* A run page's step without leaving the page: the task form is posted with
   fetch and the header X-Lotse-Step, the server answers with the run page
   itself (instead of redirecting to it), and its <main> replaces this one's.
   Focus moves to what the step brought: the form's errors, a message or the
   feedback on the step, the result once the run has ended, else the next task
   (where the redirect's #aufgabe leads). Without this script the form posts and the
   browser follows the redirect to the same page; if the post fails, the form
   is posted that way. */
(function () {
  "use strict";

  function focusAfterStep(main) {
    var target = [".form-errors", "[role=status]", "#ergebnis", "#aufgabe"].reduce(
      function (found, selector) { return found || main.querySelector(selector); },
      null
    ) || main;
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }

  function showPage(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var main = page.getElementById("main");
    if (!main) { return false; }
    document.getElementById("main").replaceWith(document.adoptNode(main));
    document.title = page.title;
    focusAfterStep(main);
    return true;
  }

  function postStep(form, submitter) {
    var main = document.getElementById("main");
    var body = new FormData(form);
    if (submitter && submitter.name) { body.append(submitter.name, submitter.value); }
    main.setAttribute("aria-busy", "true");
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
      button.disabled = true;
    });
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Lotse-Step": "1" }
    }).then(function (response) {
      if (response.redirected) {  // signed out meanwhile: the login page
        window.location.assign(response.url);
        return null;
      }
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      if (html !== null && !showPage(html)) { throw new Error("no page"); }
    }).catch(function () {
      HTMLFormElement.prototype.submit.call(form);
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("sandbox-task__form") || !window.fetch) { return; }
    event.preventDefault();
    postStep(form, event.submitter);
  });
})();
