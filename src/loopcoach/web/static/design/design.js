// Design session page: countdown timer and Mermaid diagrams drawn from the notes (bundled renderer, no CDN).
(function () {
  "use strict";
  var counter = 0;

  function mermaidBlocks(text) {
    var blocks = [];
    var re = /```mermaid[^\n]*\n([\s\S]*?)```/g;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (m[1].trim()) { blocks.push(m[1]); }
    }
    return blocks;
  }

  async function draw(code, holder) {
    if (!window.mermaid) { return; }
    try {
      var ok = await window.mermaid.parse(code, { suppressErrors: true });
      if (!ok) { throw new Error("This diagram has a syntax error; check the Mermaid syntax."); }
      counter += 1;
      var out = await window.mermaid.render("lc-diagram-" + counter, code);
      holder.innerHTML = out.svg;
      holder.classList.add("diagram");
    } catch (err) {
      holder.textContent = (err && err.message) ? err.message : String(err);
      holder.classList.add("diagram-error");
    }
  }

  async function renderPreview(textarea, preview) {
    var blocks = mermaidBlocks(textarea.value);
    preview.innerHTML = "";
    if (!blocks.length) {
      var p = document.createElement("p");
      p.className = "muted small";
      p.textContent = preview.getAttribute("data-empty");
      preview.appendChild(p);
      return;
    }
    for (var i = 0; i < blocks.length; i++) {
      var holder = document.createElement("div");
      preview.appendChild(holder);
      await draw(blocks[i], holder);
    }
  }

  function startTimer(el) {
    var started = Date.parse(el.getAttribute("data-started"));
    var minutes = parseInt(el.getAttribute("data-minutes"), 10) || 45;
    var deadline = started + minutes * 60000;
    function tick() {
      var left = Math.round((deadline - Date.now()) / 1000);
      var sign = left < 0 ? "-" : "";
      var abs = Math.abs(left);
      var mm = Math.floor(abs / 60), ss = abs % 60;
      el.textContent = sign + mm + ":" + (ss < 10 ? "0" : "") + ss;
      el.classList.toggle("low", left >= 0 && left < 300);
      el.classList.toggle("over", left < 0);
      if (left < 0) { el.setAttribute("title", "Time is up: finish and grade your design."); }
    }
    tick();
    setInterval(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.mermaid) {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
    }
    var timer = document.getElementById("timer");
    if (timer) { startTimer(timer); }
    var notes = document.getElementById("notes");
    var preview = document.getElementById("diagram-preview");
    if (notes && preview) {
      var pending = null;
      notes.addEventListener("input", function () {
        clearTimeout(pending);
        pending = setTimeout(function () { renderPreview(notes, preview); }, 500);
      });
      renderPreview(notes, preview);
    }
    var rendered = document.getElementById("notes-rendered");
    if (rendered) {
      rendered.querySelectorAll("code.language-mermaid").forEach(function (code) {
        var holder = document.createElement("div");
        code.parentNode.replaceWith(holder);
        draw(code.textContent, holder);
      });
    }
  });
})();
