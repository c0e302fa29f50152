// Spoken answers: record with MediaRecorder (or pick a file), upload to /speech/transcribe, put the transcript
// into the answer box and show the delivery panel. Delegated listeners, so recorders swapped in by htmx work too;
// the guard keeps one set of listeners when the script tag is loaded again with a swapped card.
(function () {
  if (window.loopcoachSpeech) { return; }
  window.loopcoachSpeech = true;
  var active = null; // {root, recorder, stream, chunks, started, timer, audioCtx}

  function q(root, sel) { return root.querySelector(sel); }
  function say(root, text) { q(root, "[data-speech-status]").textContent = text; }
  function clock(s) { s = Math.floor(s); return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }
  function csrf() { var m = document.querySelector('meta[name="csrf-token"]'); return m ? m.content : ""; }

  function upload(root, blob, filename) {
    var form = new FormData();
    form.append("audio", blob, filename);
    form.append("kind", root.getAttribute("data-kind") || "answer");
    var keep = q(root, "[data-speech-keep]");
    if (keep && keep.checked) { form.append("keep_audio", "1"); }  // the transcript and figures are always kept
    say(root, "Transcribing on this machine…");
    root.setAttribute("aria-busy", "true");
    return fetch("/speech/transcribe", {method: "POST", body: form, credentials: "same-origin",
                                        headers: {"X-CSRF-Token": csrf(), "Accept": "application/json"}})
      .then(function (resp) { return resp.json().then(function (body) { return {ok: resp.ok, body: body}; }); })
      .then(function (r) {
        root.removeAttribute("aria-busy");
        if (!r.ok) {
          say(root, (r.body && r.body.error && r.body.error.message) || "The recording could not be transcribed.");
          return;
        }
        var box = document.querySelector(root.getAttribute("data-target"));
        if (box) {
          box.value = r.body.transcript;
          box.dispatchEvent(new Event("input", {bubbles: true}));  // live checks (htmx) run on the new text
          box.dispatchEvent(new Event("change", {bubbles: true}));
        }
        q(root, "[data-speech-result]").innerHTML = r.body.html;  // rendered and escaped by the server
        say(root, "Transcribed: edit the text in the box if a word is wrong, then submit it.");
      })
      .catch(function () {
        root.removeAttribute("aria-busy");
        say(root, "The recording could not be sent: is the loopcoach server still running?");
      });
  }

  function meter(root, stream) {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return null; }
    var ctx = new Ctx();
    var analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    ctx.createMediaStreamSource(stream).connect(analyser);
    var data = new Uint8Array(analyser.fftSize);
    var level = q(root, "[data-speech-level]");
    (function draw() {
      if (!active || active.audioCtx !== ctx) { return; }
      analyser.getByteTimeDomainData(data);
      var peak = 0;
      for (var i = 0; i < data.length; i++) { peak = Math.max(peak, Math.abs(data[i] - 128) / 128); }
      level.value = peak;
      window.requestAnimationFrame(draw);
    })();
    return ctx;
  }

  function start(root) {
    if (active) { stop(); }
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      say(root, "This browser cannot record here; upload a recording instead.");
      return;
    }
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      var type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm"].filter(function (t) {
        return MediaRecorder.isTypeSupported(t);
      })[0];
      var recorder = type ? new MediaRecorder(stream, {mimeType: type}) : new MediaRecorder(stream);
      var state = {root: root, recorder: recorder, stream: stream, chunks: [], started: Date.now()};
      active = state;
      recorder.addEventListener("dataavailable", function (e) { if (e.data.size) { state.chunks.push(e.data); } });
      recorder.addEventListener("stop", function () {
        var blob = new Blob(state.chunks, {type: recorder.mimeType || "audio/webm"});
        var playback = q(root, "[data-speech-playback]");
        playback.src = URL.createObjectURL(blob);
        playback.hidden = false;
        upload(root, blob, (recorder.mimeType || "").indexOf("ogg") >= 0 ? "answer.ogg" : "answer.webm");
      });
      state.audioCtx = meter(root, stream);
      state.timer = window.setInterval(function () {
        q(root, "[data-speech-timer]").textContent = clock((Date.now() - state.started) / 1000);
      }, 250);
      recorder.start(1000);
      root.classList.add("recording");
      q(root, "[data-speech-stop]").hidden = false;
      q(root, "[data-speech-start]").textContent = "Record again";
      say(root, "Recording… press Stop when you have finished your answer.");
    }).catch(function () {
      say(root, "The microphone is not available: allow it for this page, or upload a recording.");
    });
  }

  function stop() {
    var s = active;
    if (!s) { return; }
    active = null;
    window.clearInterval(s.timer);
    if (s.recorder.state !== "inactive") { s.recorder.stop(); }
    s.stream.getTracks().forEach(function (t) { t.stop(); });
    if (s.audioCtx) { s.audioCtx.close(); }
    s.root.classList.remove("recording");
    q(s.root, "[data-speech-stop]").hidden = true;
    q(s.root, "[data-speech-level]").value = 0;
  }

  document.addEventListener("click", function (e) {
    var root = e.target.closest && e.target.closest("[data-speech-recorder]");
    if (!root) { return; }
    if (e.target.closest("[data-speech-start]")) { start(root); }
    if (e.target.closest("[data-speech-stop]")) { stop(); }
  });
  document.addEventListener("change", function (e) {
    var input = e.target.closest && e.target.closest("[data-speech-file]");
    if (!input || !input.files || !input.files.length) { return; }
    var root = input.closest("[data-speech-recorder]");
    var file = input.files[0];
    var playback = q(root, "[data-speech-playback]");
    playback.src = URL.createObjectURL(file);
    playback.hidden = false;
    upload(root, file, file.name);
  });
})();
