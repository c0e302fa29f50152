// Base behaviour shared by every page: show htmx errors in the page instead of failing silently.
document.addEventListener("htmx:responseError", function (event) {
  var target = event.detail.target;
  var xhr = event.detail.xhr;
  if (target && xhr && xhr.responseText && xhr.getResponseHeader("content-type").indexOf("text/html") === 0) {
    target.innerHTML = xhr.responseText;
  }
});
