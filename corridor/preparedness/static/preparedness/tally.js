// Progressive enhancement of the incident page: refresh the tally every 20 seconds from the server's
// own rendering of it (the page works without this file: reload it to see new answers).
(function () {
  "use strict";
  var section = document.getElementById("tally");
  if (!section || !window.fetch) { return; }
  var body = section.querySelector(".tally-body");
  var url = section.getAttribute("data-refresh");
  function refresh() {
    if (document.hidden) { return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { body.innerHTML = html; } })
      .catch(function () { /* offline for a moment: the next refresh tries again */ });
  }
  window.setInterval(refresh, 20000);
  document.addEventListener("visibilitychange", refresh);
}());
