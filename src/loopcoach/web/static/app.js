// Base behaviour shared by every page: htmx errors shown in the page instead of failing silently, and a
// visible busy state the moment any action starts (the button says what is happening and a bar runs at
// the top), so a grade that takes seconds never looks like a dead page. No inline script: the CSP forbids it.
(function () {
  "use strict";
  document.addEventListener("htmx:responseError", function (event) {
    var target = event.detail.target;
    var xhr = event.detail.xhr;
    var type = xhr && xhr.getResponseHeader("content-type");
    if (target && xhr && xhr.responseText && type && type.indexOf("text/html") === 0) {
      target.innerHTML = xhr.responseText;
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var target = event.detail.target;
    if (target) {
      target.innerHTML = '<div class="flash error" role="alert">The server did not answer: check that ' +
        "loopcoach is still running, then try again.</div>";
    }
  });

  var bar = null, running = 0;
  function progress(delta) {
    running = Math.max(0, running + delta);
    if (!bar) {
      bar = document.createElement("div");
      bar.id = "progress";
      bar.className = "progress-bar";
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-label", "Working");
      bar.hidden = true;
      document.body.appendChild(bar);
    }
    bar.hidden = running === 0;
  }

  // No inline handlers (the Content-Security-Policy forbids them): forms declare behaviour in data attributes.
  // data-confirm="Question?" asks before the form is sent (capture phase: before the busy state below).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute ? form.getAttribute("data-confirm") : null;
    if (question && !window.confirm(question)) { event.preventDefault(); event.stopPropagation(); }
  }, true);
  // data-reset-on-success empties an htmx form once its request succeeded.
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    if (event.detail.successful && elt && elt.hasAttribute && elt.hasAttribute("data-reset-on-success") && elt.reset) {
      elt.reset();
    }
  });

  function busy(button) {
    if (!button || button.classList.contains("is-busy")) { return; }
    button.dataset.idleLabel = button.innerHTML;
    button.classList.add("is-busy");
    button.setAttribute("aria-busy", "true");
    button.innerHTML = '<span class="spinner" aria-hidden="true"></span>' +
      (button.dataset.busy || "Working…");
    // Disabled after the submit event, so the browser still sends the button's own name and value.
    setTimeout(function () { button.disabled = true; }, 0);
  }
  function idle(button) {
    if (!button || !button.classList.contains("is-busy")) { return; }
    button.classList.remove("is-busy");
    button.removeAttribute("aria-busy");
    button.innerHTML = button.dataset.idleLabel;
    button.disabled = false;
  }

  // An action is a form submitted or a button clicked; live checks as you type stay quiet.
  function actionButton(detail) {
    var elt = detail.elt;
    if (!elt) { return null; }
    if (elt.tagName === "BUTTON") { return elt; }
    if (elt.tagName === "FORM") {
      var cfg = detail.requestConfig || {};
      return cfg.submitter || elt.querySelector("button[type=submit], button:not([type])");
    }
    return null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var button = actionButton(event.detail);
    var xhr = event.detail.xhr;
    if (!button || !xhr) { return; }
    busy(button);
    progress(1);
    // On the request itself: the form that sent it may be swapped out before htmx's own events fire.
    xhr.addEventListener("loadend", function () { idle(button); progress(-1); });
  });

  // Plain forms (a full page load follows): the same busy state until the next page arrives.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form || form.method.toLowerCase() === "get") { return; }
    if (form.hasAttribute("hx-post") || form.hasAttribute("data-hx-post")) { return; }
    busy(event.submitter || form.querySelector("button[type=submit], button:not([type])"));
    progress(1);
  });
  // Coming back with the Back button shows the page from the cache: undo its busy state.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("button.is-busy").forEach(idle);
    running = 0;
    progress(0);
  });
})();
