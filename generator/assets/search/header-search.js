/*
 * One search box (generator/search): the header's search also finds catalog entries.
 *
 * Material's own search indexes the site's pages but not the entry pages
 * (they are excluded from its index, which would otherwise hold the whole
 * catalog's text). This small script, on every page, waits for the visitor to
 * use the header box; then it loads lunr.js and the catalog search core once,
 * queries the sharded entry index (a few kilobytes per word) and shows the
 * best entries above Material's page results, with a link to all of them on
 * the catalog page. The block sits inside Material's result container, so the
 * arrow keys move through it like through the page results.
 */
(function () {
  "use strict";
  // The page's language (assets/i18n/messages.js); English pages keep the text as written here.
  var i18n = window.portalI18n || {_: String, ngettext: function (one, other, n) { return n === 1 ? one : other; }};
  var _ = i18n._, ngettext = i18n.ngettext;

  var input = document.querySelector(".md-search__input");
  var container = document.querySelector(".md-search-result");
  var script = document.currentScript;
  if (!input || !container || !script || !window.URLSearchParams || !window.Promise) return;

  var SHOWN = 5;
  var assets = new URL("./", script.src).href, root = new URL("../../", script.src).href;
  var loading = null, box = null, timer = 0, runId = 0;

  function addScript(name) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = assets + name;
      s.async = false;
      s.addEventListener("load", resolve);
      s.addEventListener("error", function () { reject(new Error("could not load " + name)); });
      document.head.appendChild(s);
    });
  }

  function load() {
    if (!loading) {
      if (!document.querySelector("link[data-portal-search]")) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = assets + "search.css";
        css.setAttribute("data-portal-search", "");
        document.head.appendChild(css);
      }
      // A French page's index is analysed by lunr-languages' French rules: load them after lunr.
      var french = /^fr\b/i.test(document.documentElement.lang);
      loading = (window.lunr ? Promise.resolve() : addScript("lunr.min.js"))
        .then(function () { return !french || window.lunr.fr ? null : addScript("lunr.stemmer.support.min.js"); })
        .then(function () { return !french || window.lunr.fr ? null : addScript("lunr.fr.min.js"); })
        .then(function () { return window.PortalSearch ? null : addScript("search-core.js"); })
        .then(function () { return window.PortalSearch.open(root); });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function node(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function ensureBox() {
    if (!box) {
      box = node("div", {"class": "portal-hs", role: "region", "aria-label": _("Catalog entries")});
      box.hidden = true;
      container.insertBefore(box, container.firstChild);
    }
    return box;
  }

  /* A link as Material's Enter key expects: its first child carries a score. */
  function link(href, score, row) {
    var a = node("a", {href: href, "class": "portal-hs__link"}), marks = row[6] || {};
    a.appendChild(node("span", {"class": "portal-hs__title", "data-md-score": String(score)}))
      .appendChild(PortalSearch.marked(row[1], marks.t));
    if (row[2]) a.appendChild(node("span", {"class": "portal-hs__facts"})).appendChild(PortalSearch.marked(row[2], marks.f));
    return a;
  }

  function countText(count) {
    if (!count) return _("No catalog entries match");
    return ngettext("{n} catalog entry matches", "{n} catalog entries match", count).replace("{n}", count);
  }

  /* What the box shows now, on the box itself: tests and tools wait for this, never for time. */
  function settle(b, state, query, count) {
    b.setAttribute("data-state", state);
    b.setAttribute("data-query", query);
    if (state === "done") {
      b.dispatchEvent(new CustomEvent("portal-search:results", {bubbles: true, detail: {query: query, count: count}}));
    }
  }

  function show(query, engine, found, rows) {
    var b = ensureBox();
    b.textContent = "";
    var count = found.docs.length;
    var hint = PortalSearch.note(found);
    var meta = node("p", {"class": "portal-hs__meta", role: "status"});
    meta.appendChild(node("span", {"class": "portal-hs__count"}, countText(count)));
    if (hint) meta.appendChild(node("span", {"class": "portal-hs__hint"}, " " + hint));
    b.appendChild(meta);
    if (count) {
      var list = node("ol", {"class": "portal-hs__list"});
      var exact = PortalSearch.exactKey(query);
      rows.forEach(function (row) {
        // An entry whose title is exactly what was typed wins Material's Enter key.
        var score = PortalSearch.exactKey(row[1]) === exact ? 1e9 : 0;
        var li = node("li", {});
        li.appendChild(link(engine.entryUrl(root, row[0]), score, row));
        list.appendChild(li);
      });
      b.appendChild(list);
      var all = new URL(engine.meta.urls.catalog, root);
      all.searchParams.set("q", query);
      var more = node("p", {"class": "portal-hs__all"});
      more.appendChild(link(all.href, -1, count > SHOWN ? _("All {n} matching entries in the catalog").replace("{n}", count)
                                                         : _("Search and filter these in the catalog"), ""));
      b.appendChild(more);
    }
    b.hidden = false;
    settle(b, "done", query, count);
  }

  function run() {
    var query = input.value.trim(), id = ++runId;
    if (!query) {
      if (box) box.hidden = true;
      return;
    }
    settle(ensureBox(), "busy", query, 0);
    load().then(function (engine) {
      return engine.search(query).then(function (found) {
        return engine.rows(engine.rank(found, found.docs, SHOWN).slice(0, SHOWN)).then(function (rows) {
          if (id === runId && input.value.trim() === query) show(query, engine, found, rows);
        });
      });
    }).catch(function (error) {
      if (id === runId && box) settle(box, "error", query, 0);
      if (window.console) console.warn("catalog entries unavailable in the header search", error);
    });
  }

  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  if (input.form) input.form.addEventListener("reset", function () { if (box) box.hidden = true; });
  if (input.value) run();  // Material's ?q= deep link filled the box before this script ran
  container.setAttribute("data-portal-search", "ready");  // wired up: for tests and other scripts to wait on
})();
