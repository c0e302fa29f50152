// Practice timer: counts up from page load; colours follow the 1:30-3:00 target; the form sends the elapsed seconds.
(function () {
  var el = document.querySelector("[data-timer]");
  if (!el) { return; }
  var low = Number(el.getAttribute("data-low")) || 90;
  var high = Number(el.getAttribute("data-high")) || 180;
  var start = Date.now();
  function elapsed() { return (Date.now() - start) / 1000; }
  function tick() {
    var s = Math.floor(elapsed());
    el.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    el.classList.toggle("ok", s >= low && s <= high);
    el.classList.toggle("over", s > high);
  }
  tick();
  var timer = window.setInterval(tick, 1000);
  var form = document.querySelector("[data-timer-form]");
  if (form) {
    form.addEventListener("submit", function () {
      window.clearInterval(timer);
      var field = form.querySelector("#seconds");
      if (field) { field.value = elapsed().toFixed(1); }
    });
  }
})();
