// Size every portal embed on this page to its card: at load, when the column's width changes and when fonts
// arrive. The card reports its height (embed/card.js); this page sets the iframe's height from it.
(function (resizer) {
  "use strict";
  var SELECTOR = "iframe[data-portal-embed]";
  function start() {
    var frames = document.querySelectorAll(SELECTOR);
    resizer.initialize({}, SELECTOR).then(function () {
      document.documentElement.setAttribute("data-portal-embeds", String(frames.length));
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})(portalResizer);
