// Peer mock: keep the shared pads in sync over a WebSocket, run the shared timer, show pushed feedback.
(function () {
  var root = document.getElementById("pads");
  if (!root) { return; }
  var token = root.dataset.token;
  var started = Date.parse(root.dataset.started), serverNow = Date.parse(root.dataset.serverNow);
  var offset = serverNow - Date.now(), minutes = parseInt(root.dataset.minutes, 10);
  var timer = document.getElementById("timer"), dot = document.getElementById("status-dot");
  var statusText = document.getElementById("status-text");
  var pads = root.querySelectorAll("textarea[data-field]");
  var share = document.getElementById("share-link");
  if (share && share.hasAttribute("data-complete")) { share.textContent = share.href; }
  var socket = null, timers = {}, retry = 500;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var secs = Math.max(0, Math.floor((Date.now() + offset - started) / 1000));
    timer.textContent = pad(Math.floor(secs / 60)) + ":" + pad(secs % 60);
    timer.classList.toggle("over", secs > minutes * 60);
  }
  setInterval(tick, 1000); tick();

  function lock() {
    pads.forEach(function (a) {
      a.readOnly = true;
      if (a.__editor) { window.LoopcoachEditor.setReadOnly(a.__editor, true); }
    });
  }

  function setStatus(on, text) { dot.classList.toggle("on", on); statusText.textContent = text; }

  function connect() {
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    // The interviewer's key travels in its HttpOnly cookie, never in the address.
    var url = proto + location.host + "/ws/peer/" + encodeURIComponent(token);
    socket = new WebSocket(url);
    socket.onopen = function () { retry = 500; setStatus(true, "Live"); };
    socket.onclose = function () {
      setStatus(false, "Reconnecting…");
      setTimeout(connect, retry); retry = Math.min(retry * 2, 8000);
    };
    socket.onmessage = function (event) {
      var msg = JSON.parse(event.data);
      if (msg.type === "pad") {
        var area = root.querySelector('textarea[data-field="' + msg.field + '"]');
        if (area && area.__editor) {
          window.LoopcoachEditor.setText(area.__editor, msg.text);
        } else if (area && area.value !== msg.text) {
          var s = area.selectionStart, e = area.selectionEnd, focused = document.activeElement === area;
          area.value = msg.text;
          if (focused) { area.setSelectionRange(Math.min(s, area.value.length), Math.min(e, area.value.length)); }
        }
      } else if (msg.type === "presence") {
        setStatus(true, msg.count > 1 ? "Live · both connected" : "Live · waiting for the other person");
      } else if (msg.type === "feedback") {
        document.getElementById("feedback").innerHTML = msg.html;
        lock();
      } else if (msg.type === "error") {
        setStatus(false, msg.message);
      }
    };
  }

  pads.forEach(function (area) {
    area.addEventListener("input", function () {
      var field = area.dataset.field;
      clearTimeout(timers[field]);
      timers[field] = setTimeout(function () {
        if (socket && socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ field: field, text: area.value }));
        }
      }, 120);
    });
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "feedback") { lock(); }
  });
  connect();
})();

// The interviewer's private scratchpad: kept in this browser's storage only, never sent anywhere.
(function () {
  var scratch = document.getElementById("scratch");
  if (!scratch) { return; }
  var key = scratch.dataset.privateKey, status = document.getElementById("scratch-status"), timer = null;
  try { scratch.value = window.localStorage.getItem(key) || ""; } catch (err) { status.textContent = ""; }
  scratch.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      try {
        window.localStorage.setItem(key, scratch.value);
        status.textContent = "Kept in this browser";
      } catch (err) {
        status.textContent = "This browser does not keep local notes: copy them before you close the page.";
      }
    }, 300);
  });
})();
