// Every place code is written gets the practice pad's editor (CodeMirror: Python highlighting, Tab
// indents, undo): a textarea marked data-editor="python" is replaced by the editor, and the textarea
// stays the form field (editor.js copies each edit into it and fires "input" there).
(function () {
  "use strict";
  if (!window.LoopcoachEditor) { return; }  // the plain textarea stays usable
  document.querySelectorAll('textarea[data-editor="python"]').forEach(function (area) {
    var holder = document.createElement("div");
    holder.className = "editor code-pad";
    area.parentNode.insertBefore(holder, area);
    area.__editor = window.LoopcoachEditor.create(holder, area);
    var label = area.id && document.querySelector('label[for="' + area.id + '"]');
    if (label) {
      label.addEventListener("click", function () { area.__editor.focus(); });
    }
  });
})();
