// Base behaviour shared by every page: show htmx errors in the page instead of failing silently.
document.addEventListener("htmx:responseError", function (event) {
  var target = event.detail.target;
  var xhr = event.detail.xhr;
  if (target && xhr && xhr.responseText && xhr.getResponseHeader("content-type").indexOf("text/html") === 0) {
    target.innerHTML = xhr.responseText;
  }
});
// No inline handlers (the Content-Security-Policy forbids them): forms declare behaviour in data attributes.
// data-confirm="Question?" asks before the form is sent.
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
