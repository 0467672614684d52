/* Diplo: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // "Copy" buttons next to citations: shown only when this script runs.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  // A button's changed text is not announced: the live region beside the citations says it.
  function announce(button, message) {
    var region = button.closest(".cite") && button.closest(".cite").querySelector("[data-copy-status]");
    if (!region) { return; }
    region.textContent = "";
    setTimeout(function () { region.textContent = message; }, 50);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.textContent.trim();
      button.setAttribute("data-copied-text", text);
      copyText(text).then(function () {
        button.textContent = "Copied";
        button.classList.add("copied");
        announce(button, "Copied");
        setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 2000);
      }, function () {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        button.textContent = "Press Ctrl+C";
        announce(button, "Selected: press Ctrl+C to copy");
      });
    });
  });
})();
