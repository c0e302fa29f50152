// Mock loop: the countdown of the current interview and the "grading" state of the submit button.
(function () {
  var timer = document.getElementById("loop-timer");
  if (timer) {
    var remaining = parseInt(timer.dataset.remaining, 10), running = timer.dataset.running === "yes";
    var startedAt = Date.now();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function show() {
      var left = running ? remaining - Math.floor((Date.now() - startedAt) / 1000) : remaining;
      var over = left < 0, secs = Math.abs(left);
      timer.textContent = (over ? "+" : "") + pad(Math.floor(secs / 60)) + ":" + pad(secs % 60) + (over ? " over" : "");
      timer.classList.toggle("over", over);
    }
    show();
    if (running) { setInterval(show, 1000); }
  }
  var form = document.getElementById("submit-form");
  if (form) {
    form.addEventListener("submit", function () {
      document.getElementById("submit-interview").disabled = true;
      document.getElementById("grading").hidden = false;
    });
  }
})();

// Nothing typed is lost: fields typed into since their last autosave are flushed with sendBeacon when the
// page is hidden or closed (the htmx keyup delay would otherwise drop the last second of typing).
(function () {
  var dirty = new Set();
  var fields = document.querySelectorAll("[hx-post$='/save']");
  fields.forEach(function (el) {
    el.addEventListener("input", function () { dirty.add(el); });
    el.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.successful) { dirty.delete(el); }
    });
  });
  function flush() {
    var tokenMeta = document.querySelector('meta[name="csrf-token"]');
    dirty.forEach(function (el) {
      var data = new FormData();
      data.append("csrf_token", tokenMeta ? tokenMeta.content : "");
      data.append("item", JSON.parse(el.getAttribute("hx-vals")).item);
      data.append(el.name, el.value);
      navigator.sendBeacon(el.getAttribute("hx-post"), data);
    });
    dirty.clear();
  }
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { flush(); } });
})();
