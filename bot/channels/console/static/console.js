// Coordinator console: copy buttons (data-copy="<id of the element whose text is copied>") and the reply form's
// suggestions (data-fill="<id of the text>" data-target="<id of the textarea>": the text is put there to edit).
"use strict";
(function () {
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }
  document.addEventListener("click", function (event) {
    var fill = event.target.closest("button[data-fill]");
    if (fill) {
      var from = document.getElementById(fill.getAttribute("data-fill"));
      var into = document.getElementById(fill.getAttribute("data-target"));
      if (from && into) { into.value = from.textContent; into.focus(); }
      return;
    }
    var button = event.target.closest("button[data-copy]");
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var label = button.textContent;
    copyText(source.textContent).then(function () {
      button.textContent = "コピーしました";
    }, function () {
      button.textContent = "コピーできませんでした（選択して Ctrl+C でコピーしてください）";
    }).then(function () {
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
})();
