/*
 * Learning passport: the learner's name, and each step's tick and date, kept only in this
 * browser (localStorage). Nothing is ever sent anywhere: this file makes no network request.
 * Because browsers clear storage, progress can be exported to a small JSON file and imported
 * again (on another device too). Without this script the passport still prints, blank.
 */
(function () {
  "use strict";
  // The page's language (assets/i18n/messages.js); English pages keep the text as written here.
  var i18n = window.portalI18n || {_: String, ngettext: function (one, other, n) { return n === 1 ? one : other; }};
  var _ = i18n._, ngettext = i18n.ngettext;

  // Per portal (mkdocs.yml portal_id, on the passport as data-portal): two portals on one origin keep
  // separate ticks, and neither imports the other's exported files.
  var PASSPORT = document.getElementById("passport");
  var PORTAL = (PASSPORT && PASSPORT.getAttribute("data-portal")) || "portal";
  var FORMAT = PORTAL + "-learning-passport";
  var VERSION = 1;
  var KEY = PORTAL + "-passport:v1:";
  var MAX_FILE_BYTES = 100000;
  var MAX_NAME = 120;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function openStorage() {
    try {
      var s = window.localStorage;
      s.setItem(KEY + "probe", "1");
      s.removeItem(KEY + "probe");
      return s;
    } catch (e) {
      return null; // private browsing, or storage switched off: the page still works, unsaved
    }
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function validDate(value) {
    if (typeof value !== "string" || !DATE.test(value)) return "";
    var d = new Date(value + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : "";
  }

  function Passport(root) {
    this.root = root;
    this.id = root.getAttribute("data-pathway");
    this.key = KEY + this.id;
    this.store = openStorage();
    this.learner = root.querySelector("#passport-learner");
    this.status = root.querySelector(".portal-passport-status");
    // The ticks live in the steps list, each step keyed by its entry id (stable if steps are reordered):
    // the last part of the address its title links to, catalog/ID/.
    this.rows = Array.prototype.slice.call(document.querySelectorAll(".portal-steps > li"))
      .map(function (li) {
        var link = li.querySelector("h3 a[href]");
        return {
          entry: link ? link.pathname.split("/").filter(Boolean).pop() : null,
          done: li.querySelector('.portal-tick input[type="checkbox"]'),
          date: li.querySelector('.portal-tick input[type="date"]')
        };
      })
      .filter(function (r) { return r.entry && r.done && r.date; });
  }

  /* The state as plain data: {learner, steps: {entry id: {done, date}}}. */
  Passport.prototype.read = function () {
    var steps = {};
    this.rows.forEach(function (r) {
      steps[r.entry] = { done: r.done.checked, date: validDate(r.date.value) };
    });
    return { learner: this.learner ? this.learner.value.slice(0, MAX_NAME) : "", steps: steps };
  };

  /* Keep only what this page knows: its own steps, real dates, a short name. */
  Passport.prototype.clean = function (data) {
    if (!data || typeof data !== "object") return null;
    var given = {};
    if (Array.isArray(data.steps)) {
      data.steps.forEach(function (s) {
        if (s && typeof s.entry === "string") given[s.entry] = s;
      });
    } else if (data.steps && typeof data.steps === "object") {
      given = data.steps;
    }
    var steps = {};
    this.rows.forEach(function (r) {
      var s = Object.prototype.hasOwnProperty.call(given, r.entry) ? given[r.entry] : null;
      steps[r.entry] = { done: !!(s && s.done === true), date: s ? validDate(s.date) : "" };
    });
    var learner = typeof data.learner === "string" ? data.learner.slice(0, MAX_NAME) : "";
    return { learner: learner, steps: steps };
  };

  Passport.prototype.apply = function (state) {
    if (this.learner) this.learner.value = state.learner;
    this.rows.forEach(function (r) {
      var s = state.steps[r.entry] || { done: false, date: "" };
      r.done.checked = s.done;
      r.date.value = s.date;
    });
    this.markEmpty();
  };

  /* Printing: an empty date field shows no "dd/mm/yyyy" placeholder (see passport.css). */
  Passport.prototype.markEmpty = function () {
    this.rows.forEach(function (r) {
      r.date.toggleAttribute("data-empty", !r.date.value);
    });
  };

  Passport.prototype.save = function () {
    this.markEmpty();
    if (!this.store) return;
    try {
      this.store.setItem(this.key, JSON.stringify(this.read()));
    } catch (e) {
      this.say(_("Your progress could not be saved in this browser. Export it to keep a copy."));
    }
  };

  Passport.prototype.load = function () {
    if (!this.store) return null;
    try {
      return this.clean(JSON.parse(this.store.getItem(this.key) || "null"));
    } catch (e) {
      return null;
    }
  };

  Passport.prototype.say = function (text) {
    if (this.status) this.status.textContent = text;
  };

  Passport.prototype.exportFile = function () {
    var state = this.read();
    var heading = document.querySelector("h1");
    var data = {
      format: FORMAT,
      version: VERSION,
      pathway: this.id,
      title: heading ? heading.textContent.trim() : "",
      learner: state.learner,
      steps: this.rows.map(function (r) {
        return { entry: r.entry, done: state.steps[r.entry].done, date: state.steps[r.entry].date };
      })
    };
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = "learning-passport-" + this.id + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    this.say(_("Progress exported to {file}.").replace("{file}", function () { return link.download; }));
  };

  Passport.prototype.importFile = function (file) {
    var self = this;
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      self.say(_("That file is too large to be a learning passport."));
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result));
      } catch (e) {
        self.say(_("That file is not a learning passport export."));
        return;
      }
      if (!data || data.format !== FORMAT || data.version !== VERSION) {
        self.say(_("That file is not a learning passport export."));
      } else if (data.pathway !== self.id) {
        var other = String(data.title || data.pathway).slice(0, 200);
        // A function as the replacement: the file's title is taken as it is, "$&" and all.
        self.say(_("That file is for another pathway ({title}): open that pathway's page to import it.")
          .replace("{title}", function () { return other; }));
      } else {
        self.apply(self.clean(data));
        self.save();
        self.say(_("Progress imported."));
      }
    };
    reader.onerror = function () { self.say(_("That file could not be read.")); };
    reader.readAsText(file);
  };

  Passport.prototype.start = function () {
    var self = this;
    var saved = this.load();
    if (saved) this.apply(saved);
    this.markEmpty();
    if (!this.store) this.say(_("This browser is not keeping data, so ticks will be lost: export them to keep a copy."));

    this.rows.forEach(function (r) {
      r.done.addEventListener("change", function () {
        // Ticking dates the step today; unticking clears it, so the printed passport stays honest.
        if (r.done.checked && !r.date.value) r.date.value = today();
        if (!r.done.checked) r.date.value = "";
        self.save();
      });
      r.date.addEventListener("change", function () {
        r.done.checked = !!validDate(r.date.value);
        self.save();
      });
    });
    if (this.learner) this.learner.addEventListener("input", function () { self.save(); });

    var actions = this.root.querySelector(".portal-passport-actions");
    actions.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-passport]");
      if (!button) return;
      var what = button.getAttribute("data-passport");
      if (what === "print") window.print();
      if (what === "export") self.exportFile();
      if (what === "clear" && window.confirm(_("Clear the name, ticks and dates on this passport?"))) {
        self.apply({ learner: "", steps: {} });
        if (self.store) self.store.removeItem(self.key);
        self.say(_("Passport cleared."));
      }
    });
    var picker = this.root.querySelector("#passport-import");
    picker.addEventListener("change", function () {
      self.importFile(picker.files && picker.files[0]);
      picker.value = "";
    });
    actions.hidden = false;
  };

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll(".portal-passport[data-pathway]"), function (root) {
      if (root.hasAttribute("data-passport-ready")) return;
      root.setAttribute("data-passport-ready", "");
      new Passport(root).start();
      root.setAttribute("data-passport-state", "ready");  // restored and listening: for tests to wait on
    });
  }

  // Material's instant navigation (if switched on) swaps pages without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else {
    run();
  }
})();
