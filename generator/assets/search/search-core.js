/*
 * Catalog search core (generator/search): answers queries from the sharded
 * lunr index that the build writes to search/catalog/, without ever holding
 * the whole index.
 *
 * For a query it fetches only the shards that hold the query's terms, hands
 * those terms' postings to lunr.Index.load (lunr.js 2.3.9) and lets lunr score
 * them. A lunr score is the dot product of the query with each document's
 * vector, so terms the query lacks never change it: scores equal those of the
 * whole index. Nothing is built in the browser but that small per-query index.
 *
 * Needs lunr.min.js loaded first. Exposes window.PortalSearch.
 */
(function () {
  "use strict";

  var WORD_BITS = 30;            // facet mask words, as generator/search/facets.py
  var PREFIX_BOOST = 0.3;        // words the last query word may still be growing into
  var engines = {};

  function exactKey(text) {      // as generator/search/index.py exact_key
    return text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /* The words of a query, each with the index terms that can satisfy it. */
  function analyse(query) {
    var tokens = lunr.tokenizer(query), groups = [];
    for (var i = 0; i < tokens.length; i++) {
      var raw = lunr.trimmer(tokens[i]).toString();
      if (!raw || !lunr.stopWordFilter(new lunr.Token(raw))) continue;
      groups.push({raw: raw, stem: lunr.stemmer(new lunr.Token(raw)).toString(), last: i === tokens.length - 1});
    }
    var exact = exactKey(query);
    exact = exact && lunr.stopWordFilter(lunr.trimmer(new lunr.Token(exact)))
      ? lunr.stemmer(lunr.trimmer(new lunr.Token(exact))).toString() : "";
    return {groups: groups, exact: exact};
  }

  function lowerBound(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function Engine(base) {
    this.base = base;            // URL of the search/catalog/ folder
    this.files = {};             // path -> Promise of parsed JSON
    this.terms = new Map();      // term -> [term, termIndex, postings] from loaded shards
    this.sorted = {};            // shard number -> its terms, sorted
    this.cache = {key: "", index: null};
  }

  Engine.prototype.fetch = function (path) {
    var self = this;
    if (!this.files[path]) {
      var url = new URL(path, this.base);
      if (this.meta) url.searchParams.set("v", this.meta.version);
      this.files[path] = fetch(url.href).then(function (response) {
        if (!response.ok) throw new Error("search file " + path + ": HTTP " + response.status);
        return response.json();
      });
      this.files[path].catch(function () { delete self.files[path]; });
    }
    return this.files[path];
  };

  Engine.prototype.open = function () {
    var self = this;
    return this.fetch("meta.json").then(function (meta) {
      if (meta.format !== 1) throw new Error("unknown search format " + meta.format);
      self.meta = meta;
      return self;
    });
  };

  /* The shard that holds ``term`` if the index has it: the last whose boundary is <= term. */
  Engine.prototype.shardOf = function (term) {
    return Math.max(0, lowerBound(this.meta.shards, term + "\u0000") - 1);
  };

  Engine.prototype.loadShards = function (numbers) {
    var self = this, wanted = Array.from(new Set(numbers)).filter(function (n) { return !self.sorted[n]; });
    return Promise.all(wanted.map(function (n) {
      return self.fetch("t/" + n + ".json").then(function (records) {
        if (self.sorted[n]) return;
        var list = [];
        for (var i = 0; i < records.length; i++) {
          self.terms.set(records[i][0], records[i]);
          list.push(records[i][0]);
        }
        list.sort();
        self.sorted[n] = list;
      });
    }));
  };

  /* Which shards a query needs, and then which index terms can satisfy each word. */
  Engine.prototype.plan = function (analysed) {
    var self = this, shards = [];
    function range(prefix) {
      for (var n = self.shardOf(prefix), end = self.shardOf(prefix + "\uffff"); n <= end; n++) shards.push(n);
    }
    analysed.groups.forEach(function (g) {
      shards.push(self.shardOf(g.stem));
      if (g.last && g.raw.length >= 3) {
        range(g.stem);
        range(g.raw);
        for (var k = Math.max(3, g.raw.length - 2); k < g.raw.length; k++) shards.push(self.shardOf(g.raw.slice(0, k)));
      }
    });
    if (analysed.exact) shards.push(this.shardOf(analysed.exact));
    return shards;
  };

  Engine.prototype.candidates = function (g) {
    var out = new Map(), self = this;
    if (this.terms.has(g.stem)) out.set(g.stem, 1);
    if (g.last && g.raw.length >= 3) {
      [g.stem, g.raw].forEach(function (prefix) {
        var shard = self.shardOf(prefix), end = self.shardOf(prefix + "\uffff");
        for (; shard <= end; shard++) {
          var list = self.sorted[shard] || [];
          for (var i = lowerBound(list, prefix); i < list.length && list[i].lastIndexOf(prefix, 0) === 0; i++) {
            if (!out.has(list[i])) out.set(list[i], PREFIX_BOOST);
          }
        }
      });
      // A stem can be shorter than the word being typed: "pallia" is on its way to "palli(ative)".
      for (var k = Math.max(3, g.raw.length - 2); k < g.raw.length; k++) {
        var head = g.raw.slice(0, k);
        if (this.terms.has(head) && !out.has(head)) out.set(head, PREFIX_BOOST);
      }
    }
    return out;
  };

  /* A lunr.Index holding only ``terms`` (sorted), loaded with lunr.Index.load. */
  Engine.prototype.index = function (terms) {
    var key = terms.join("\u0000");
    if (this.cache.key === key && this.cache.index) return this.cache.index;
    var fields = this.meta.fields, vectors = new Map(), inverted = [];
    for (var t = 0; t < terms.length; t++) {
      var record = this.terms.get(terms[t]), termIndex = record[1], flat = record[2], posting = {_index: termIndex};
      for (var f = 0; f < fields.length; f++) posting[fields[f]] = {};
      for (var p = 0; p < flat.length;) {
        var field = fields[flat[p]], count = flat[p + 1], doc = 0, refs = posting[field];
        p += 2;
        for (var j = 0; j < count; j++, p += 2) {
          doc += flat[p];
          refs[doc] = {};
          var ref = field + "/" + doc, vector = vectors.get(ref);
          if (!vector) vectors.set(ref, vector = []);
          vector.push([termIndex, flat[p + 1] / 1000]);
        }
      }
      inverted.push([terms[t], posting]);
    }
    var fieldVectors = [];
    vectors.forEach(function (pairs, ref) {
      pairs.sort(function (a, b) { return a[0] - b[0]; });   // lunr.Vector needs ascending term indexes
      var flatPairs = [];
      for (var i = 0; i < pairs.length; i++) flatPairs.push(pairs[i][0], pairs[i][1]);
      fieldVectors.push([ref, flatPairs]);
    });
    var index = lunr.Index.load({version: this.meta.lunr, fields: fields, fieldVectors: fieldVectors,
                                 invertedIndex: inverted, pipeline: this.meta.pipeline});
    this.cache = {key: key, index: index};
    return index;
  };

  /*
   * Entries matching every word of ``query`` (the last word may be unfinished),
   * best first: {docs: [entry numbers], scores: [...]}.
   */
  Engine.prototype.search = function (query) {
    var self = this, analysed = analyse(query);
    if (!analysed.groups.length) return Promise.resolve({docs: [], scores: [], words: 0});
    return this.loadShards(this.plan(analysed)).then(function () {
      var groups = analysed.groups.map(function (g) { return self.candidates(g); });
      if (groups.some(function (c) { return c.size === 0; })) return {docs: [], scores: [], words: groups.length};
      var all = new Set();
      groups.forEach(function (c) { c.forEach(function (_, term) { all.add(term); }); });
      var exact = analysed.exact && self.terms.has(analysed.exact) ? analysed.exact : "";
      if (exact) all.add(exact);
      var index = self.index(Array.from(all).sort());
      var results = index.query(function (q) {
        groups.forEach(function (c) {
          c.forEach(function (boost, term) { q.term(term, {usePipeline: false, boost: boost}); });
        });
        if (exact) q.term(exact, {usePipeline: false, fields: ["exact"], boost: 1});
      });
      var docs = [], scores = [];
      results.sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
      for (var i = 0; i < results.length; i++) {
        var matched = results[i].matchData.metadata;
        var whole = exact && matched[exact] && matched[exact].exact;
        // Every word must match (any of its terms): results people expect, and honest facet counts.
        if (whole || groups.every(function (c) { for (var term in matched) if (c.has(term)) return true; return false; })) {
          docs.push(+results[i].ref);
          scores.push(results[i].score);
        }
      }
      return {docs: docs, scores: scores, words: groups.length};
    });
  };

  /* Display rows [id, title, facts] for entry numbers, fetching only their chunks. */
  Engine.prototype.rows = function (docs) {
    var size = this.meta.docChunk, self = this;
    var chunks = Array.from(new Set(docs.map(function (d) { return Math.floor(d / size); })));
    return Promise.all(chunks.map(function (c) { return self.fetch("d/" + c + ".json"); })).then(function () {
      return Promise.all(docs.map(function (d) {
        return self.fetch("d/" + Math.floor(d / size) + ".json").then(function (rows) { return rows[d % size]; });
      }));
    });
  };

  Engine.prototype.entryUrl = function (root, id) {
    var parts = this.meta.urls.entry;
    return new URL(parts[0] + encodeURIComponent(id) + parts[1], root).href;
  };

  /* Facet masks for every entry: [facet][word][entry]. */
  Engine.prototype.facetData = function () {
    return this.fetch("facets.json");
  };

  /*
   * Apply facet selections and count values, the usual way for facets: a value's
   * count is how many entries you would see if you also ticked it, so counts
   * within one facet ignore that facet's own ticks (ticks within a facet are OR,
   * across facets AND).
   *   data: from facetData(); docs: candidate entry numbers or null for all;
   *   selected: [facet] -> array of value positions.
   * Returns {docs: matching entry numbers in the given order, counts: [facet][value]}.
   */
  function applyFacets(meta, data, docs, selected) {
    var facets = meta.facets, nf = facets.length, masks = [], counts = [], active = [];
    for (var f = 0; f < nf; f++) {
      var words = data[f].length, mask = new Array(words).fill(0);
      (selected[f] || []).forEach(function (v) { mask[Math.floor(v / WORD_BITS)] |= 1 << (v % WORD_BITS); });
      masks.push(mask);
      active.push(mask.some(Boolean));
      counts.push(new Array(facets[f].values.length).fill(0));
    }
    var out = [], n = docs ? docs.length : meta.count, failed = new Int32Array(nf);
    for (var i = 0; i < n; i++) {
      var doc = docs ? docs[i] : i, fails = 0, failing = -1;
      for (f = 0; f < nf; f++) {
        if (!active[f]) continue;
        var hit = false;
        for (var w = 0; w < masks[f].length; w++) if (data[f][w][doc] & masks[f][w]) { hit = true; break; }
        if (!hit) { fails++; failing = f; if (fails > 1) break; }
      }
      if (fails > 1) continue;
      if (fails === 0) out.push(doc);
      for (f = 0; f < nf; f++) {
        if (fails === 1 && f !== failing) continue;
        for (w = 0; w < data[f].length; w++) {
          var bits = data[f][w][doc];
          while (bits) {
            var low = bits & -bits;
            counts[f][w * WORD_BITS + 31 - Math.clz32(low)]++;
            bits ^= low;
          }
        }
      }
    }
    return {docs: out, counts: counts};
  }

  window.PortalSearch = {
    /* The engine for the site whose root URL is ``root`` (opened once per page). */
    open: function (root) {
      var base = new URL("search/catalog/", root).href;
      if (!engines[base]) {
        engines[base] = new Engine(base).open();
        engines[base].catch(function () { delete engines[base]; });
      }
      return engines[base];
    },
    analyse: analyse,
    exactKey: exactKey,
    applyFacets: applyFacets
  };
})();
