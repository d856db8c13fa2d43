/* Sandbox exercise block: the case list shows only the cases of the chosen process.
   The server checks the pair anyway (SandboxExerciseBlock.clean); this only spares
   trainers a wrong pick. Works for blocks added later (event delegation). */
(function () {
  "use strict";

  function processTitle(select) {
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) return null;
    return option.text.replace(/\s*\([^()]*\)\s*$/, "");
  }

  function filterCases(processSelect) {
    var caseSelect = document.getElementById(
      processSelect.id.replace(/process_id$/, "case_id")
    );
    if (!caseSelect) return;
    var title = processTitle(processSelect);
    var groups = caseSelect.getElementsByTagName("optgroup");
    for (var i = 0; i < groups.length; i += 1) {
      var match = title === null || groups[i].label === title;
      groups[i].hidden = !match;
      groups[i].disabled = !match;
    }
    var chosen = caseSelect.options[caseSelect.selectedIndex];
    if (chosen && chosen.parentNode.tagName === "OPTGROUP" && chosen.parentNode.disabled) {
      caseSelect.value = "";
    }
  }

  function isProcessSelect(element) {
    return element && element.tagName === "SELECT" && /-process_id$/.test(element.id);
  }

  document.addEventListener("change", function (event) {
    if (isProcessSelect(event.target)) filterCases(event.target);
  });
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.tagName === "SELECT" && /-case_id$/.test(target.id)) {
      var processSelect = document.getElementById(
        target.id.replace(/case_id$/, "process_id")
      );
      if (processSelect) filterCases(processSelect);
    }
  });
})();
