/*
 * The catalog page's search and filters (generator/search).
 *
 * Progressive enhancement of /catalog/: without JavaScript the page is the plain
 * paginated list. With it, a form (text box plus one fieldset of checkboxes per
 * facet) appears above that list; any query or filter replaces the list with
 * results. Every state lives in the URL (?tier=2&profession=paramedic&q=pain):
 * loading such a URL applies it, each change is a history entry, and the back
 * button restores the previous state.
 *
 * Bytes first: text results need only meta.json, the shards of the query's
 * words and the display rows of the results shown; the facet masks
 * (facets.json) are fetched after the first results are on screen, unless a
 * filter is already in use.
 */
(function () {
  "use strict";
  // The page's language (assets/i18n/messages.js); English pages keep the text as written here.
  var i18n = window.portalI18n || {_: String, ngettext: function (one, other, n) { return n === 1 ? one : other; }};
  var _ = i18n._, ngettext = i18n.ngettext;
  /* A message with its {placeholders} filled in; values are taken as they are (no "$&" patterns). */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? String(values[key]) : whole; });
  }

  var app = document.getElementById("portal-search-app");
  if (!app || !window.PortalSearch || !window.URLSearchParams) return;

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href).href;  // assets/search/ -> site root
  var engine = null, meta = null, facetData = null, runId = 0, typing = false, timer = 0, home = location.pathname;
  var state = {q: "", f: {}, page: 1};
  var el = {};

  /* ---- URL <-> state -------------------------------------------------- */

  function readUrl() {
    var params = new URLSearchParams(location.search), s = {q: (params.get("q") || "").trim(), f: {}, page: 1};
    meta.facets.forEach(function (facet) {
      var known = facet.values.map(function (v) { return v[0]; }), picked = [];
      params.getAll(facet.key).forEach(function (raw) {
        raw.split(",").forEach(function (v) {
          if (known.indexOf(v) >= 0 && picked.indexOf(v) < 0) picked.push(v);
        });
      });
      if (picked.length) s.f[facet.key] = picked;
    });
    var page = parseInt(params.get("page") || "1", 10);
    s.page = page > 0 ? page : 1;
    return s;
  }

  function toUrl(s) {
    var params = new URLSearchParams(location.search);
    meta.facets.forEach(function (facet) { params.delete(facet.key); });
    ["q", "page"].forEach(function (k) { params.delete(k); });
    meta.facets.forEach(function (facet) {
      (s.f[facet.key] || []).forEach(function (v) { params.append(facet.key, v); });
    });
    if (s.q) params.set("q", s.q);
    if (s.page > 1) params.set("page", String(s.page));
    var query = params.toString();
    // A search links to the catalog itself, also when it starts on /catalog/page-3/; no search, to this page.
    var path = isEmpty(s) ? home : new URL(meta.urls.catalog, root).pathname;
    return path + (query ? "?" + query : "") + location.hash;
  }

  function isEmpty(s) {
    return !s.q && !Object.keys(s.f).length;
  }

  function remember(s, push) {
    var url = toUrl(s);
    if (url === location.pathname + location.search + location.hash) return;
    history[push ? "pushState" : "replaceState"]({portalSearch: true}, "", url);
  }

  /* ---- building the form ---------------------------------------------- */

  function node(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "className") n.className = attrs[k]; else n.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function buildForm() {
    var form = node("form", {className: "portal-search-form", role: "search", "aria-label": _("Search and filter the catalog")});
    var row = node("div", {className: "portal-search-row"});
    row.appendChild(node("label", {"for": "portal-q"}, _("Search the catalog")));
    el.q = node("input", {id: "portal-q", name: "q", type: "search", autocomplete: "off", spellcheck: "false",
                          "aria-describedby": "portal-search-status"});
    row.appendChild(el.q);
    row.appendChild(node("button", {type: "submit", className: "md-button md-button--primary"}, _("Search")));
    form.appendChild(row);

    el.details = node("details", {className: "portal-filters"});
    el.summary = node("summary", {}, _("Filters"));
    el.details.appendChild(el.summary);
    var grid = node("div", {className: "portal-facets"});
    el.boxes = [];
    el.counts = [];
    meta.facets.forEach(function (facet, f) {
      var set = node("fieldset", {className: "portal-facet"});
      set.appendChild(node("legend", {}, facet.label));
      var list = node("ul", {});
      el.boxes.push([]);
      el.counts.push([]);
      facet.values.forEach(function (value, v) {
        var id = "cf-" + facet.key + "-" + v, li = node("li", {});
        var box = node("input", {type: "checkbox", id: id, name: facet.key, value: value[0]});
        var label = node("label", {"for": id}, value[1] + " ");
        var count = node("span", {className: "portal-count"}, "(" + value[2] + ")");
        label.appendChild(count);
        li.appendChild(box);
        li.appendChild(label);
        li.hidden = value[2] === 0;   // never in this catalog: shown only if a URL asks for it
        list.appendChild(li);
        el.boxes[f].push(box);
        el.counts[f].push(count);
      });
      set.appendChild(list);
      grid.appendChild(set);
    });
    el.details.appendChild(grid);
    // On a phone the filters push the results out of sight: one button closes them and goes there.
    el.done = node("button", {type: "button", className: "md-button portal-filters-done"}, _("Show results"));
    el.done.addEventListener("click", function () {
      el.details.open = false;
      if (isEmpty(state)) el.summary.focus(); else el.heading.focus();
    });
    el.details.appendChild(el.done);
    app.appendChild(form);
    // Outside the form, so that on a wide screen the filters sit beside the results, not above them.
    app.appendChild(el.details);

    el.chips = node("div", {className: "portal-chips", role: "group", "aria-label": _("Filters in use")});
    app.appendChild(el.chips);

    el.status = node("p", {id: "portal-search-status", className: "portal-search-status", role: "status",
                           "aria-live": "polite"});
    app.appendChild(el.status);
    el.results = node("section", {className: "portal-results", "aria-labelledby": "portal-results-heading"});
    el.heading = node("h2", {id: "portal-results-heading", tabindex: "-1"}, _("Results"));
    el.list = node("ol", {className: "portal-list"});
    el.pager = node("nav", {className: "portal-pager", "aria-label": _("Result pages")});
    el.results.appendChild(el.heading);
    el.results.appendChild(el.list);
    el.results.appendChild(el.pager);
    el.results.hidden = true;
    app.appendChild(el.results);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      typing = false;
      change({q: el.q.value.trim(), page: 1}, true);
    });
    el.q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        // The first keystroke of a new query makes a history entry; the rest refine it.
        change({q: el.q.value.trim(), page: 1}, !typing);
        typing = true;
      }, 250);
    });
    grid.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox") return;
      typing = false;
      var f = {};
      meta.facets.forEach(function (facet, i) {
        var picked = el.boxes[i].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        if (picked.length) f[facet.key] = picked;
      });
      change({f: f, page: 1}, true);
    });
  }

  /* The static list (count, cards, pager) after the app: hidden while results show. */
  function staticParts() {
    var out = [], n = app.nextElementSibling;
    for (; n; n = n.nextElementSibling) out.push(n);
    return out;
  }

  function syncForm(s) {
    if (document.activeElement !== el.q || el.q.value.trim() !== s.q) el.q.value = s.q;
    var total = 0;
    meta.facets.forEach(function (facet, f) {
      var picked = s.f[facet.key] || [];
      total += picked.length;
      el.boxes[f].forEach(function (box) {
        box.checked = picked.indexOf(box.value) >= 0;
        if (box.checked) box.parentNode.hidden = false;
      });
    });
    el.summary.textContent = total ? fill(_("Filters ({n} in use)"), {n: total}) : _("Filters");
    // Chips: one button per filter in use, to remove it in one step.
    el.chips.textContent = "";
    meta.facets.forEach(function (facet, f) {
      (s.f[facet.key] || []).forEach(function (value) {
        var v = facet.values.map(function (x) { return x[0]; }).indexOf(value);
        var chip = node("button", {type: "button", className: "portal-chip",
                                   "aria-label": fill(_("{filter}: remove this filter"), {filter: facet.values[v][1]})}, facet.values[v][1] + " ");
        chip.appendChild(node("span", {"aria-hidden": "true"}, "×"));
        chip.addEventListener("click", function () {
          var next = JSON.parse(JSON.stringify(state.f));
          next[facet.key] = next[facet.key].filter(function (x) { return x !== value; });
          if (!next[facet.key].length) delete next[facet.key];
          change({f: next, page: 1}, true);
          el.q.focus();
        });
        el.chips.appendChild(chip);
      });
    });
    if (!isEmpty(s)) {
      var clear = node("button", {type: "button", className: "portal-chip portal-clear"}, _("Clear all"));
      clear.addEventListener("click", function () {
        change({q: "", f: {}, page: 1}, true);
        el.q.focus();
      });
      el.chips.appendChild(clear);
    }
  }

  function showCounts(counts) {
    meta.facets.forEach(function (facet, f) {
      facet.values.forEach(function (value, v) {
        var n = counts ? counts[f][v] : value[2];
        el.counts[f][v].textContent = "(" + n + ")";
        el.counts[f][v].parentNode.parentNode.classList.toggle("portal-zero", n === 0);
      });
    });
  }

  /* ---- running a state -------------------------------------------------- */

  function change(patch, push) {
    var next = {q: state.q, f: state.f, page: state.page};
    Object.keys(patch).forEach(function (k) { next[k] = patch[k]; });
    state = next;
    remember(state, push);
    run(state, false);
  }

  function selectedPositions(s) {
    return meta.facets.map(function (facet) {
      var ids = facet.values.map(function (v) { return v[0]; });
      return (s.f[facet.key] || []).map(function (v) { return ids.indexOf(v); });
    });
  }

  function describe(s, n) {
    var filters = Object.keys(s.f).reduce(function (sum, k) { return sum + s.f[k].length; }, 0);
    var said = {n: n, query: s.q, filters: filters};
    var words = s.q ? fill(ngettext("{n} entry matches “{query}”", "{n} entries match “{query}”", n), said)
                    : fill(ngettext("{n} entry matches", "{n} entries match", n), said);
    if (filters) words = fill(ngettext("{matches} with {filters} filter", "{matches} with {filters} filters", filters),
                              {matches: words, filters: filters});
    return words + ".";
  }

  function render(s, docs, rows, id, found) {
    if (id !== runId) return;
    var size = meta.pageSize, pages = Math.max(1, Math.ceil(docs.length / size)), page = Math.min(s.page, pages);
    el.list.textContent = "";
    el.list.start = (page - 1) * size + 1;
    rows.forEach(function (row) {
      // The same card as the plain list's (generator/pages/badges.py): title, summary, badges.
      var li = node("li", {className: "portal-card"});
      var marks = row[6] || {};
      li.appendChild(node("a", {href: engine.entryUrl(root, row[0])})).appendChild(PortalSearch.marked(row[1], marks.t));
      if (row[3]) li.appendChild(node("p", {})).appendChild(PortalSearch.marked(row[3], marks.s));
      var facts = node("span", {className: "portal-badges"});
      (row[4] || []).forEach(function (t) {
        var tier = node("span", {className: "pt pt" + t});
        tier.appendChild(node("span", {"aria-hidden": "true"}, String(t)));
        tier.appendChild(document.createTextNode(fill(_("Tier {number}"), {number: t})));
        facts.appendChild(tier);
      });
      (row[5] || []).forEach(function (b) {
        facts.appendChild(node("span", {className: "pb-" + b[0]})).appendChild(PortalSearch.marked(b[1], b[2]));
      });
      li.appendChild(facts);
      el.list.appendChild(li);
    });
    el.heading.textContent = docs.length ? _("Results") : _("No results");
    el.pager.textContent = "";
    if (pages > 1) {
      if (page > 1) el.pager.appendChild(pagerButton(_("Previous"), page - 1));
      el.pager.appendChild(node("span", {}, fill(_("Page {page} of {pages}"), {page: page, pages: pages})));
      if (page < pages) el.pager.appendChild(pagerButton(_("Next"), page + 1));
    }
    if (!docs.length) {
      el.list.appendChild(node("li", {className: "portal-none"},
        _("Nothing matches. Try fewer words, or remove a filter.")));
    }
    var hint = PortalSearch.note(found);
    el.status.textContent = describe(s, docs.length) + (hint ? " " + hint : "") +
      (pages > 1 ? " " + fill(_("Showing page {page} of {pages}."), {page: page, pages: pages}) : "");
    el.done.textContent = fill(ngettext("Show {n} result", "Show {n} results", docs.length), {n: docs.length});
    el.results.hidden = false;
    app.setAttribute("data-state", "done");
    app.dispatchEvent(new CustomEvent("portal-search:results", {bubbles: true, detail: {count: docs.length}}));
  }

  function pagerButton(text, page) {
    var button = node("button", {type: "button", className: "md-button"}, text);
    button.addEventListener("click", function () {
      change({page: page}, true);
      el.heading.focus();
    });
    return button;
  }

  function failed(error, id) {
    if (id !== runId) return;
    el.status.textContent = _("Search is not available right now. The full list below still works.");
    el.results.hidden = true;
    staticParts().forEach(function (n) { n.hidden = false; });
    app.setAttribute("data-state", "error");
    if (window.console) console.warn(error);
  }

  function run(s) {
    var id = ++runId;
    syncForm(s);
    var empty = isEmpty(s);
    staticParts().forEach(function (n) { n.hidden = !empty; });
    if (empty) {
      el.results.hidden = true;
      el.status.textContent = "";
      el.done.textContent = _("Show results");
      showCounts(null);
      app.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    app.setAttribute("data-state", "busy");
    setTimeout(function () {   // only a slow answer is worth announcing
      if (id === runId && app.getAttribute("data-state") === "busy") el.status.textContent = _("Searching…");
    }, 500);
    var filtered = Object.keys(s.f).length > 0;
    var searching = s.q ? engine.search(s.q) : Promise.resolve(null);
    var facets = filtered ? loadFacets() : Promise.resolve(null);
    return Promise.all([searching, facets]).then(function (got) {
      if (id !== runId) return;
      var docs = got[0] ? got[0].docs : null, counts = null;
      if (got[1]) {
        var applied = PortalSearch.applyFacets(meta, got[1], docs, selectedPositions(s));
        docs = applied.docs;
        counts = applied.counts;
      } else if (!docs) {
        docs = [];
      }
      var size = meta.pageSize, page = Math.min(s.page, Math.max(1, Math.ceil(docs.length / size)));
      if (got[0]) docs = engine.rank(got[0], docs, page * size);   // lunr.js orders what is shown
      return engine.rows(docs.slice((page - 1) * size, page * size)).then(function (rows) {
        render(s, docs, rows, id, got[0]);
        if (counts) return showCounts(counts);
        // Counts for a text search come after its results: results first on a slow line.
        return loadFacets().then(function (data) {
          if (id === runId) showCounts(PortalSearch.applyFacets(meta, data, got[0].docs, selectedPositions(s)).counts);
        }, function (error) {
          if (window.console) console.warn("facet counts unavailable", error);   // the results stand
        });
      });
    }).catch(function (error) { failed(error, id); });
  }

  function loadFacets() {
    if (!facetData) facetData = engine.facetData().catch(function (e) { facetData = null; throw e; });
    return facetData;
  }

  /*
   * Material opens its own search box when a page's URL has ?q= (its deep links),
   * which here would cover the catalog's results. It has done so by the time this
   * deferred script runs (its bundle mounts the search as it loads): close it
   * again, and put our ?q= back (Material drops the parameter when its search closes).
   */
  function calmMaterialSearch() {
    var toggle = document.getElementById("__search"), header = document.querySelector(".md-search__input");
    if (!toggle || !toggle.checked || !new URLSearchParams(location.search).has("q")) return;
    var url = location.href;
    toggle.click();  // Material's own way to close it, so its state follows
    if (header) { header.value = ""; header.blur(); }
    history.replaceState(history.state, "", url);
  }

  calmMaterialSearch();
  PortalSearch.open(root).then(function (opened) {
    engine = opened;
    meta = opened.meta;
    state = readUrl();
    buildForm();
    app.hidden = false;
    // Wide screens show the filters; on a phone they would push the results out of sight, so they start closed.
    if (window.matchMedia && window.matchMedia("(min-width: 60em)").matches) el.details.open = true;
    window.addEventListener("popstate", function () {
      typing = false;
      clearTimeout(timer);
      state = readUrl();
      run(state);
    });
    // For the benchmark and the tests: the engine, and running a state (results, counts) without history.
    window.PortalCatalog = {
      state: function () { return state; },
      engine: engine,
      run: function (s) { state = s; return run(s); }
    };
    return run(state);
  }).catch(function (error) {
    if (window.console) console.warn("catalog search unavailable", error);
  });
})();
