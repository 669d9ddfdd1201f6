// A button marked data-print prints the page. A file, not onclick="…", so the site's
// content security policy can refuse every inline script.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (target && target.closest && target.closest("[data-print]")) {
    window.print();
  }
});
