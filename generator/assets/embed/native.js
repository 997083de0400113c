// Draw a pathway or an entry from the portal's JSON API into this page, in this page's own font and colours.
// Usage: <div data-portal-api="https://PORTAL/api/v1/pathways/ID.json"></div>
//        <script src="https://PORTAL/embed/native.js" defer></script>
// It reads only from the portal this script comes from, sends no cookies, stores nothing, and builds every
// element with DOM methods and textContent: no text from the data is ever parsed as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var home = new URL(script ? script.src : location.href);
  var origin = home.origin;

  function web(url) {
    try {
      var u = new URL(url, home);
      return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(text, url, className) {
    var href = web(url);
    if (!href) return el("span", className, text);
    var a = el("a", className, text);
    a.href = href;
    a.rel = "noopener";
    return a;
  }

  function attribution(data, reviewed) {
    var p = el("p", "portal-native-attribution");
    var portal = data.portal || {};
    p.appendChild(document.createTextNode("From "));
    p.appendChild(link(portal.name || "the portal", portal.url || (data.links && data.links.page)));
    if (data.licence) {
      p.appendChild(document.createTextNode(" · Text: "));
      p.appendChild(link(data.licence.name, data.licence.url));
    }
    if (reviewed) p.appendChild(document.createTextNode(" · Last reviewed " + reviewed));
    p.appendChild(document.createTextNode(" · "));
    p.appendChild(link("Full details", data.links && data.links.page));
    p.appendChild(document.createTextNode(". Listing is not endorsement."));
    return p;
  }

  function pathway(data) {
    var box = el("section", "portal-native portal-native-pathway");
    box.appendChild(el("p", "portal-native-kicker", "Learning pathway · Tier " + data.tier));
    var h = el("h3", "portal-native-title");
    h.appendChild(link(data.title, data.links && data.links.page));
    box.appendChild(h);
    box.appendChild(el("p", "portal-native-summary", data.summary));
    var ol = el("ol", "portal-native-steps");
    (data.steps || []).forEach(function (step) {
      var li = el("li");
      li.appendChild(link(step.title, step.page));
      if (step.optional) li.appendChild(document.createTextNode(" (optional)"));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    box.appendChild(attribution(data, data.reviewed));
    return box;
  }

  // A fact with one line per item, or nothing when there are no items.
  function fact(list, term, lines) {
    if (!lines.length) return;
    list.appendChild(el("dt", null, term));
    var dd = el("dd");
    lines.forEach(function (line, i) {
      if (i) dd.appendChild(el("br"));
      dd.appendChild(document.createTextNode(line));
    });
    list.appendChild(dd);
  }

  // The dates still to come (or the latest, when all are past) and the modules, in the entry page's words.
  function entryFacts(data) {
    var list = el("dl", "portal-native-facts");
    var runs = data.runs || [];
    var coming = runs.filter(function (r) { return !r.past; });
    fact(list, "When", (coming.length ? coming : runs.slice(-1)).slice(0, 3).map(function (r) {
      return [r.past ? "Past: " + r.text : r.text, r.recurrence && r.recurrence.text, r.next_text]
        .filter(Boolean).join(". ") + ".";
    }));
    var modules = data.modules || [];
    fact(list, "Modules", modules.length ? [modules.length + (modules.length === 1 ? " module or session:" :
      " modules or sessions:")].concat(modules.map(function (m, i) {
      return (i + 1) + ". " + (m.code ? m.code + ": " : "") + m.title + (m.details ? " (" + m.details + ")" : "");
    })) : []);
    return list.childNodes.length ? list : null;
  }

  function entry(data) {
    var box = el("section", "portal-native portal-native-entry");
    var h = el("h3", "portal-native-title");
    h.appendChild(link(data.title, data.links && data.links.page));
    box.appendChild(h);
    box.appendChild(el("p", "portal-native-summary", data.summary));
    var go = el("p", "portal-native-action");
    go.appendChild(link("Go to the provider’s site", data.url));
    box.appendChild(go);
    var facts = entryFacts(data);
    if (facts) box.appendChild(facts);
    box.appendChild(attribution(data, data.reviewed || data.updated));
    return box;
  }

  function render(holder) {
    var url = web(holder.getAttribute("data-portal-api") || "");
    if (!url || new URL(url).origin !== origin) {
      holder.setAttribute("data-portal-state", "refused");
      return;
    }
    holder.setAttribute("data-portal-state", "loading");
    fetch(url, { credentials: "omit", mode: "cors", referrerPolicy: "strict-origin-when-cross-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      })
      .then(function (data) {
        var card = Array.isArray(data.steps) && "tier" in data ? pathway(data) : entry(data);
        holder.replaceChildren(card);
        holder.setAttribute("data-portal-state", "done");
      })
      .catch(function () {
        holder.setAttribute("data-portal-state", "failed");  // the holder's own fallback content stays
      });
  }

  function start() {
    var holders = document.querySelectorAll("[data-portal-api]");
    for (var i = 0; i < holders.length; i++) render(holders[i]);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
