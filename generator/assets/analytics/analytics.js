/* Opt-in page analytics and the "Was this page helpful?" widget (mkdocs.yml `extra.analytics`,
   provider: portal). Loaded only when switched on, from a file, so the Content-Security-Policy needs
   no 'unsafe-inline'; the endpoint's origin goes in `extra.csp.connect-src`.

   Events use the Plausible events API shape ({name, url, domain, props}), so a Plausible server, its
   self-hosted edition or any collector that accepts that JSON can receive them. No cookies, no
   identifiers, no referrer and nothing stored in the browser. Page views are not sent when the
   browser asks not to be tracked (Do Not Track or Global Privacy Control); feedback is sent only
   when the reader presses a rating. */
(function () {
  "use strict";
  var script = document.currentScript || document.getElementById("portal-analytics");
  if (!script) return;
  var endpoint = script.getAttribute("data-endpoint") || "";
  var domain = script.getAttribute("data-domain") || location.hostname;
  if (!/^https:\/\/[^\s]+$/.test(endpoint)) return;
  var optedOut = navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl === true;

  function send(name, props) {
    var body = JSON.stringify({
      name: name,
      url: location.protocol + "//" + location.host + location.pathname,
      domain: domain,
      props: props || {}
    });
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], {type: "text/plain"}))) return;
    } catch (e) { /* fall through to fetch */ }
    try {
      fetch(endpoint, {method: "POST", body: body, keepalive: true, credentials: "omit",
                       headers: {"Content-Type": "text/plain"}});
    } catch (e) { /* analytics must never break a page */ }
  }

  function feedback() {
    var form = document.forms.feedback;
    if (!form || form.getAttribute("data-portal-ready")) return;
    form.setAttribute("data-portal-ready", "1");
    Array.prototype.forEach.call(form.querySelectorAll("[type=submit]"), function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var value = button.getAttribute("data-md-value") || "";
        send("feedback", {page: location.pathname, rating: value});
        form.firstElementChild.disabled = true;
        var selector = ".md-feedback__note [data-md-value='" + (window.CSS && CSS.escape ? CSS.escape(value) : value) + "']";
        var note = form.querySelector(selector);
        if (note) note.hidden = false;
      });
    });
    form.hidden = false;  // Material renders the widget hidden until a provider handles it
  }

  function onPage() {
    if (!optedOut) send("pageview");
    feedback();
  }

  // Material's document$ fires for the first page and for each instant-navigation page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
