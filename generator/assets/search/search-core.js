/*
 * Catalog search core (generator/search): answers queries from the sharded
 * lunr index that the build writes to search/catalog/, without ever holding
 * the whole index.
 *
 * A query is analysed with lunr.js's own tokenizer, trimmer, stop words and
 * stemmer. Only the shards holding its terms are fetched (one per word, and
 * for an unfinished last word the shards of the words it may grow into).
 * Every word must match, as typed, through a synonym the build recorded (the
 * index's "syn" field), or, for a longer word the index lacks, as an index word
 * one letter away. Entries that match the typed words themselves come first.
 * Scores are lunr's: the BM25 weights lunr.py computed,
 * combined as lunr.Index#query combines them (per field, the query vector's
 * dot product with the document's, over the query vector's length, summed).
 * A typed-array pass computes that sum for every matching entry so that
 * thousands of matches cost a millisecond; the entries actually shown are then
 * loaded into a lunr.Index (lunr.Index.load, lunr.js 2.3.9) and ordered by
 * lunr's own scores. tests/browser/test_search.py checks both give the same
 * scores as lunr.js on the whole index.
 *
 * Needs lunr.min.js loaded first. Exposes window.PortalSearch.
 */
(function () {
  "use strict";
  // The page's language (assets/i18n/messages.js); English pages keep the text as written here.
  var i18n = window.portalI18n || {_: String, ngettext: function (one, other, n) { return n === 1 ? one : other; }};
  var _ = i18n._, ngettext = i18n.ngettext;

  var WORD_BITS = 30;            // facet mask words, as generator/search/facets.py
  var PREFIX_BOOST = 0.3;        // words an unfinished last word may grow into
  var TYPO_BOOST = 0.5;          // index words one letter away from a word the index lacks
  var TYPO_FROM = 5;             // shorter words are too easily another word with one letter changed
  var engines = {};

  function exactKey(text) {      // as generator/search/index.py exact_key
    return text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /*
   * The index's language rules (meta.json's "language", as generator/search/analysis.py): lunr.js's own
   * English pipeline, or lunr-languages' French one (lunr.fr.min.js, loaded before this script on a French
   * page) with elision put right first: "l'aidant" is looked up as "aidant".
   */
  var ELISION = /^(?:l|m|t|qu|n|s|j|d|c|jusqu|quoiqu|lorsqu|puisqu)['\u2019]/;
  var RULES = {
    en: function () {
      return {trim: function (t) { return lunr.trimmer(t); }, keep: lunr.stopWordFilter,
              stem: function (t) { return lunr.stemmer(t); }};
    },
    fr: function () {
      return {trim: function (t) {
                return lunr.fr.trimmer(t).update(function (s) { return s.replace(ELISION, ""); });
              },
              keep: lunr.fr.stopWordFilter,
              stem: function (t) { return lunr.fr.stemmer(lunr.fr.accentFold(t)); }};
    }
  };
  var rules = null;

  function term(word) {          // the index pipeline for one token: trimmer, stop words, stemmer
    var token = rules.trim(new lunr.Token(word));
    return token.toString() && rules.keep(token) ? rules.stem(token).toString() : "";
  }

  /* The words of a query: {groups: [{raw, stem}], exact: the whole-title term}. */
  function analyse(query) {
    var tokens = lunr.tokenizer(query), groups = [];
    for (var i = 0; i < tokens.length; i++) {
      var raw = rules.trim(tokens[i]).toString(), stem = term(raw);
      if (stem) groups.push({raw: raw, stem: stem});
    }
    return {groups: groups, exact: term(exactKey(query))};
  }

  var LETTERS = "abcdefghijklmnopqrstuvwxyz";

  /*
   * The index terms of every word one slip from ``word``: a letter dropped, added,
   * changed, or two neighbours swapped. The first letter is only dropped or swapped
   * (people rarely mistype it), so the terms stay near the word in the sorted index
   * and cost one or two shards, not all of them.
   */
  function slips(word) {
    var out = new Set(), n = word.length, i, k;
    function add(w) { var t = term(w); if (t) out.add(t); }
    for (i = 0; i < n; i++) {
      add(word.slice(0, i) + word.slice(i + 1));
      if (i + 1 < n) add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
      if (i === 0) continue;
      for (k = 0; k < LETTERS.length; k++) {
        if (LETTERS[k] !== word[i]) add(word.slice(0, i) + LETTERS[k] + word.slice(i + 1));
        add(word.slice(0, i) + LETTERS[k] + word.slice(i));
      }
    }
    for (k = 0; k < LETTERS.length; k++) add(word + LETTERS[k]);
    out.delete(term(word));
    return Array.from(out);
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
    this.decoded = new Map();    // term -> {index, fields: [null | {docs, weights}]}
    this.sorted = {};            // shard number -> its terms, sorted
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
      var language = meta.language || "en";
      if (!RULES[language] || (language !== "en" && !lunr[language])) throw new Error("no search rules for " + language);
      rules = RULES[language]();
      self.meta = meta;
      return self;
    });
  };

  /* The shard that holds ``term`` if the index has it: the last whose boundary is <= term. */
  Engine.prototype.shardOf = function (term) {
    return Math.max(0, lowerBound(this.meta.shards, term + "\u0000") - 1);
  };

  Engine.prototype.shardRange = function (prefix) {
    var out = [];
    for (var n = this.shardOf(prefix), end = this.shardOf(prefix + "\uffff"); n <= end; n++) out.push(n);
    return out;
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

  /* Index terms starting with ``prefix``, from shards already loaded. */
  Engine.prototype.startingWith = function (prefix) {
    var out = [], self = this;
    this.shardRange(prefix).forEach(function (n) {
      var list = self.sorted[n] || [];
      for (var i = lowerBound(list, prefix); i < list.length && list[i].lastIndexOf(prefix, 0) === 0; i++) out.push(list[i]);
    });
    return out;
  };

  /*
   * The index terms that satisfy a word, with their boosts. A word the index has
   * matches itself. The last word, if the index lacks it, is taken as unfinished:
   * it matches the words it begins (and, since a stem can be shorter than the word
   * typed so far, "communic" matches "commun", the stem of "communication").
   */
  Engine.prototype.candidates = function (g, last) {
    var out = new Map(), self = this;
    out.typo = false;
    if (this.terms.has(g.stem)) {
      out.set(g.stem, 1);
    } else if (last && g.raw.length >= 3) {
      [g.stem, g.raw].forEach(function (prefix) {
        self.startingWith(prefix).forEach(function (t) { if (!out.has(t)) out.set(t, PREFIX_BOOST); });
      });
      for (var k = Math.max(3, g.raw.length - 2); k < g.raw.length; k++) {
        var head = g.raw.slice(0, k);
        if (this.terms.has(head) && !out.has(head)) out.set(head, PREFIX_BOOST);
      }
    }
    if (!out.size && g.raw.length >= TYPO_FROM) {
      // A slip of one letter: the index words that the word would be with one letter put right.
      this.slipsOf(g).forEach(function (t) { if (self.terms.has(t)) out.set(t, TYPO_BOOST); });
      out.typo = out.size > 0;
    }
    return out;
  };

  Engine.prototype.slipsOf = function (g) {
    if (!g.slips) g.slips = slips(g.raw);
    return g.slips;
  };

  /* The shards to look in when a word is not in the index: where its one-slip neighbours would be. */
  Engine.prototype.typoShards = function (g) {
    var self = this;
    return Array.from(new Set(this.slipsOf(g).map(function (t) { return self.shardOf(t); })));
  };

  /* A loaded term's postings as typed arrays, per field (null where the term is absent). */
  Engine.prototype.postings = function (term) {
    var got = this.decoded.get(term);
    if (got) return got;
    var record = this.terms.get(term), flat = record[2], fields = [];
    for (var f = 0; f < this.meta.fields.length; f++) fields.push(null);
    for (var p = 0; p < flat.length;) {
      var field = flat[p], count = flat[p + 1], docs = new Int32Array(count), weights = new Float64Array(count), doc = 0;
      p += 2;
      for (var j = 0; j < count; j++, p += 2) {
        doc += flat[p];
        docs[j] = doc;
        weights[j] = flat[p + 1] / 1000;
      }
      fields[field] = {docs: docs, weights: weights};
    }
    got = {index: record[1], fields: fields};
    this.decoded.set(term, got);
    return got;
  };

  /* lunr's query clauses: every candidate term in all fields, the whole-title term in "exact" only. */
  function clauses(groups, exact, fields) {
    var out = [];
    groups.forEach(function (c, g) {
      c.forEach(function (boost, term) {
        out.push({term: term, boost: boost, group: g, fields: null, direct: !c.typo});
      });
    });
    if (exact) out.push({term: exact, boost: 1, group: -1, fields: [fields.indexOf("exact")]});
    return out;
  }

  /*
   * Every entry that matches all words (or the whole title), with lunr's score:
   * per field, sum over query terms of query weight x document weight, divided by
   * the length of that field's query vector; summed over fields.
   */
  Engine.prototype.match = function (list) {
    var self = this, n = this.meta.count, nf = this.meta.fields.length, qv = [], mag = [];
    for (var f = 0; f < nf; f++) qv.push(new Map());
    list.forEach(function (c) {       // query vectors, adding boosts as lunr's upsert does
      var index = self.terms.get(c.term)[1];
      (c.fields || qv.map(function (_, i) { return i; })).forEach(function (f) {
        qv[f].set(index, (qv[f].get(index) || 0) + c.boost);
      });
    });
    qv.forEach(function (v) {
      var sum = 0;
      v.forEach(function (x) { sum += x * x; });
      mag.push(Math.sqrt(sum));
    });
    var groups = 0;
    list.forEach(function (c) { groups = Math.max(groups, c.group + 1); });
    var scores = new Float64Array(n), hits = new Uint16Array(n), whole = new Uint8Array(n), seen = new Set();
    var indirect = (this.meta.indirect || []).map(function (name) { return self.meta.fields.indexOf(name); });
    var marks = [], own = [], direct = new Uint8Array(n);
    for (var g = 0; g < groups; g++) {
      marks.push(new Uint8Array(n));
      own.push(new Uint8Array(n));
    }
    list.forEach(function (c) {
      var post = self.postings(c.term);
      for (var f = 0; f < nf; f++) {
        var field = post.fields[f];
        if (!field) continue;
        if (c.group >= 0) {
          var mark = marks[c.group], typed = c.direct && indirect.indexOf(f) < 0 ? own[c.group] : null;
          for (var j = 0; j < field.docs.length; j++) {
            mark[field.docs[j]] = 1;
            if (typed) typed[field.docs[j]] = 1;   // the word as typed (or its ending), not a synonym or a slip
          }
        } else if (c.fields.indexOf(f) >= 0) {
          for (j = 0; j < field.docs.length; j++) whole[field.docs[j]] = 1;
        }
        var key = c.term + "/" + f, q = qv[f].get(post.index);
        if (seen.has(key) || !q) continue;   // each term's postings count once per field
        seen.add(key);
        var factor = q / mag[f];
        for (j = 0; j < field.docs.length; j++) scores[field.docs[j]] += factor * field.weights[j];
      }
    });
    marks.forEach(function (mark) { for (var d = 0; d < n; d++) hits[d] += mark[d]; });
    var ownHits = new Uint16Array(n);
    own.forEach(function (mark) { for (var d = 0; d < n; d++) ownHits[d] += mark[d]; });
    // No entry has every word: those with the most of them, so a query is never a dead end.
    var need = groups, best = 0;
    for (var d = 0; d < n; d++) if (hits[d] > best) best = hits[d];
    var partial = groups > 1 && best < groups && best > 0;
    for (d = 0; d < n && partial; d++) if (whole[d]) partial = false;
    if (partial) need = best;
    var docs = [];
    for (d = 0; d < n; d++) {
      if (hits[d] === need || whole[d]) {
        docs.push(d);
        direct[d] = ownHits[d] === need || whole[d] ? 1 : 0;
      }
    }
    docs.sort(function (a, b) { return direct[b] - direct[a] || scores[b] - scores[a] || a - b; });
    return {docs: docs, scores: scores, direct: direct, partial: partial};
  };

  /*
   * Entries matching every word of ``query`` (the last word may be unfinished),
   * best first: {docs, scores (by entry number), words, clauses}.
   */
  Engine.prototype.search = function (query) {
    var self = this, analysed = analyse(query), groups = analysed.groups;
    if (!groups.length) return Promise.resolve({docs: [], scores: null, direct: null, words: 0, clauses: [], missing: [], partial: false});
    var first = groups.map(function (g) { return self.shardOf(g.stem); });
    if (analysed.exact) first.push(this.shardOf(analysed.exact));
    return this.loadShards(first).then(function () {
      var last = groups[groups.length - 1];
      if (self.terms.has(last.stem) || last.raw.length < 3) return null;
      // An unfinished last word: fetch the shards of the words it may grow into.
      var more = self.shardRange(last.stem).concat(self.shardRange(last.raw));
      for (var k = Math.max(3, last.raw.length - 2); k < last.raw.length; k++) more.push(self.shardOf(last.raw.slice(0, k)));
      return self.loadShards(more);
    }).then(function () {
      // Words still not found may be slips of one letter: fetch where their neighbours would be.
      var more = [];
      groups.forEach(function (g, i) {
        if (!self.candidates(g, i === groups.length - 1).size && g.raw.length >= TYPO_FROM) more = more.concat(self.typoShards(g));
      });
      return more.length ? self.loadShards(more) : null;
    }).then(function () {
      var sets = groups.map(function (g, i) { return self.candidates(g, i === groups.length - 1); });
      var exact = analysed.exact && self.terms.has(analysed.exact) ? analysed.exact : "";
      // Words no entry has (even with a slip put right) are left out, and said so.
      var missing = groups.filter(function (g, i) { return !sets[i].size; }).map(function (g) { return g.raw; });
      if (missing.length === groups.length && !exact) {
        return {docs: [], scores: null, direct: null, words: groups.length, clauses: [], missing: missing, partial: false};
      }
      var list = clauses(sets.filter(function (c) { return c.size; }), exact, self.meta.fields);
      // A whole title typed with a word the index lacks (a stop word in a title, say): that title alone.
      if (missing.length && exact) list = list.filter(function (c) { return c.group < 0; });
      var found = self.match(list);
      return {docs: found.docs, scores: found.scores, direct: found.direct, words: groups.length, clauses: list,
              missing: exact ? [] : missing, partial: found.partial};
    });
  };

  /* lunr.Index.load of the query's terms, keeping only the postings of ``keep`` entries. */
  Engine.prototype.lunrIndex = function (list, keep) {
    var fields = this.meta.fields, vectors = new Map(), inverted = [], self = this;
    var terms = Array.from(new Set(list.map(function (c) { return c.term; }))).sort();
    terms.forEach(function (term) {
      var post = self.postings(term), posting = {_index: post.index};
      fields.forEach(function (name, f) {
        var refs = posting[name] = {}, field = post.fields[f];
        if (!field) return;
        for (var j = 0; j < field.docs.length; j++) {
          var doc = field.docs[j];
          if (!keep.has(doc)) continue;
          refs[doc] = {};
          var ref = name + "/" + doc, vector = vectors.get(ref);
          if (!vector) vectors.set(ref, vector = []);
          vector.push([post.index, field.weights[j]]);
        }
      });
      inverted.push([term, posting]);
    });
    var fieldVectors = [];
    vectors.forEach(function (pairs, ref) {
      pairs.sort(function (a, b) { return a[0] - b[0]; });   // lunr.Vector needs ascending term indexes
      var flat = [];
      pairs.forEach(function (pair) { flat.push(pair[0], pair[1]); });
      fieldVectors.push([ref, flat]);
    });
    return lunr.Index.load({version: this.meta.lunr, fields: fields, fieldVectors: fieldVectors,
                            invertedIndex: inverted, pipeline: this.meta.pipeline});
  };

  /* lunr.js's own scores for ``docs`` under a search's clauses: {entry number: score}. */
  Engine.prototype.lunrScores = function (found, docs) {
    var fields = this.meta.fields, out = {};
    if (!found.clauses.length || !docs.length) return out;
    var index = this.lunrIndex(found.clauses, new Set(docs));
    index.query(function (q) {
      found.clauses.forEach(function (c) {
        var opts = {usePipeline: false, boost: c.boost};
        if (c.fields) opts.fields = c.fields.map(function (f) { return fields[f]; });
        q.term(c.term, opts);
      });
    }).forEach(function (r) { out[r.ref] = r.score; });
    return out;
  };

  /* ``docs`` with its first ``count`` put in lunr.js's order (the results on screen). */
  Engine.prototype.rank = function (found, docs, count) {
    var head = docs.slice(0, count), direct = found.direct;
    if (head.length < 2 || !found.clauses.length) return docs;
    var scores = this.lunrScores(found, head);
    head.sort(function (a, b) {
      return (direct ? direct[b] - direct[a] : 0) || (scores[b] || 0) - (scores[a] || 0) || a - b;
    });
    return head.concat(docs.slice(count));
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

  /* What a searcher should know about how the results were found: words left out, words not all matched. */
  function note(found) {
    var parts = [];
    if (found && found.missing && found.missing.length) {
      parts.push(_("No entry mentions {words}.").replace("{words}",
        found.missing.map(function (w) { return "“" + w + "”"; }).join(_(" or "))));
    }
    if (found && found.partial) parts.push(_("No entry has every word: these have most of them."));
    return parts.join(" ");
  }

  /* A result's text as nodes: plain, or the build's runs of [words, language] with each run in another
     language than the page's marked with it (generator/search/store.py, display_row). */
  function marked(text, runs) {
    var out = document.createDocumentFragment();
    (runs || [[text, ""]]).forEach(function (run) {
      var part = document.createTextNode(run[0]);
      if (run[1]) {
        var span = document.createElement("span");
        span.lang = run[1];
        span.appendChild(part);
        part = span;
      }
      out.appendChild(part);
    });
    return out;
  }

  window.PortalSearch = {
    note: note,
    marked: marked,
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
    slips: slips,
    term: term,
    applyFacets: applyFacets
  };
})();
