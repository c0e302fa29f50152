// The problem page: CodeMirror editor on the code textarea, the timer (with a 45-minute
// phone-screen countdown), and the start time sent with each submission.
(function () {
  "use strict";
  var textarea = document.getElementById("code");
  var holder = document.getElementById("editor");
  if (window.LoopcoachEditor && textarea && holder) {
    window.LoopcoachEditor.create(holder, textarea);
  } else if (holder) {
    holder.hidden = true; // the plain textarea stays usable
  }
  var started = new Date();
  var startedField = document.getElementById("started_at");
  if (startedField) startedField.value = started.toISOString();
  var timer = document.getElementById("timer");
  var phone = document.getElementById("phone-screen");
  var deadline = null;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fmt(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    return pad(Math.floor(s / 60)) + ":" + pad(s % 60);
  }
  function tick() {
    if (!timer) return;
    var now = Date.now();
    if (deadline === null) {
      timer.textContent = fmt((now - started.getTime()) / 1000);
      return;
    }
    var left = (deadline - now) / 1000;
    timer.textContent = left > 0 ? fmt(left) : "Time is up";
    timer.classList.toggle("low", left > 0 && left < 300);
    timer.classList.toggle("done", left <= 0);
  }
  if (phone) {
    phone.addEventListener("click", function () {
      if (deadline === null) {
        deadline = Date.now() + 45 * 60 * 1000;
        started = new Date();
        if (startedField) startedField.value = started.toISOString();
        phone.textContent = "Stop phone screen";
        timer.setAttribute("aria-label", "Time left");
      } else {
        deadline = null;
        phone.textContent = "Phone screen: 45 min";
        timer.setAttribute("aria-label", "Elapsed time");
        timer.classList.remove("low", "done");
      }
      tick();
    });
  }
  tick();
  setInterval(tick, 1000);
})();
