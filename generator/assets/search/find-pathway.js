/*
 * Find my pathway (generator/search/pathways.py): suggests learning pathways from
 * a short self-assessment, entirely in this browser. The answers are never sent
 * or stored: the form has no action, submitting it only runs suggest() below,
 * and the only request is for the site's own search/pathways.json.
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

  /* The same, as nodes: a value given as {text, lang} in another language than the page's is marked with it. */
  function phrase(text, values) {
    var out = document.createDocumentFragment();
    text.split(/(\{\w+\})/).forEach(function (part) {
      var key = /^\{(\w+)\}$/.exec(part), value = key && key[1] in values ? values[key[1]] : part;
      if (value && typeof value === "object") {
        var span = document.createElement("span");
        if (value.lang) span.lang = value.lang;
        span.textContent = value.text;
        out.appendChild(span);
      } else if (value !== "") {
        out.appendChild(document.createTextNode(String(value)));
      }
    });
    return out;
  }

  var form = document.getElementById("portal-find"), out = document.getElementById("portal-find-result");
  var script = document.currentScript;
  if (!form || !out || !script || !window.fetch) return;
  var root = new URL("../../", script.src).href, data = null;

  function load() {
    if (!data) {
      data = fetch(new URL("search/pathways.json", root).href).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      data.catch(function () { data = null; });
    }
    return data;
  }

  /* An answer's words in lower case (they go inside sentences), with their language when the page marks one. */
  function words(n) {
    var marked = n && (n.hasAttribute("lang") ? n : n.querySelector("[lang]"));
    return {text: n ? n.textContent.trim().toLowerCase() : "", lang: marked ? marked.getAttribute("lang") : ""};
  }

  function label(id) {
    return words(document.querySelector("label[for='" + id + "']"));
  }

  function optionText(select) {
    return words(select.value ? select.options[select.selectedIndex] : null);
  }

  function answers(subjects) {
    var role = form.elements.role, setting = form.elements.setting, tier = form.querySelector("input[name=tier]:checked");
    var confident = new Set(), levels = {};
    Array.prototype.forEach.call(form.querySelectorAll("select[data-subject]"), function (select) {
      var subject = select.getAttribute("data-subject"), level = parseInt(select.value, 10) || 0;
      levels[subject] = level;
      for (var t = 1; t <= level; t++) (subjects[subject] && subjects[subject][t] || []).forEach(function (c) { confident.add(c); });
    });
    var audiences = Array.prototype.filter.call(form.querySelectorAll("input[name=audience]"), function (b) { return b.checked; })
      .map(function (b) { return {id: b.value, label: label(b.id)}; });
    return {role: role.value, roleLabel: optionText(role), setting: setting.value, settingLabel: optionText(setting),
            tier: tier && tier.value ? parseInt(tier.value, 10) : 0, audiences: audiences, confident: confident,
            levels: levels};
  }

  /* With "not sure": the lowest tier at which fewer than half the subjects are marked confident. */
  function inferTier(a, subjects) {
    var names = Object.keys(subjects);
    for (var t = 1; t <= 3; t++) {
      var sure = names.filter(function (s) { return (a.levels[s] || 0) >= t; }).length;
      if (sure < names.length / 2) return t;
    }
    return 3;
  }

  function score(p, a, tier, first) {
    var points = 0, why = [];
    if (p.tier < first) {
      // Below where the role usually starts: only ever offered with the reason.
      points -= 2;
      var role = {first: first, role: a.roleLabel, tier: a.tier};
      why.push(a.tier && a.tier < first
        ? phrase(_("Below tier {first}, where your role ({role}) usually starts: offered because you chose tier {tier}"), role)
        : phrase(_("Below tier {first}, where your role ({role}) usually starts"), role));
    }
    if (a.role) {
      if (p.professions.indexOf(a.role) >= 0) { points += 4; why.push(phrase(_("Written for: {role}"), {role: a.roleLabel})); }
      else if (!p.professions.length) { points += 1; why.push(_("Open to every role")); }
      else points -= 3;
    }
    if (a.setting) {
      if (p.settings.indexOf(a.setting) >= 0) { points += 1.5; why.push(phrase(_("Fits your setting: {setting}"), {setting: a.settingLabel})); }
      else if (!p.settings.length) points += 0.5;
    }
    var step = p.tier - tier;
    if (step === 0) {
      points += 3;
      why.push(fill(a.tier ? _("At tier {tier}, the depth you chose") : _("At tier {tier}, the depth that suits what you told us"),
                    {tier: p.tier}));
    } else if (step === 1) {
      points += 1;
      why.push(a.tier ? _("One tier deeper than you chose") : _("One tier deeper than where you are now"));
    }
    else if (step === -1) points += 0.5;
    else points -= 2;
    a.audiences.forEach(function (x) {
      if (p.audiences.indexOf(x.id) >= 0) { points += 1.5; why.push(phrase(_("Focus on {group}"), {group: x.label})); }
    });
    var fresh = p.competencies.filter(function (c) { return !a.confident.has(c); }).length;
    if (p.competencies.length) {
      points += 3 * fresh / p.competencies.length;
      if (fresh) {
        why.push(fill(ngettext("Covers {n} of its {total} competencies you have not marked as confident",
                               "Covers {n} of its {total} competencies you have not marked as confident", fresh),
                      {n: fresh, total: p.competencies.length}));
      } else { points -= 5; why.push(_("You already feel confident in everything it covers")); }
    }
    if (!p.generated) points += 0.25;  // a curator's reasons for each step are worth a little extra
    return {pathway: p, points: points, why: why};
  }

  /* A title or summary: its runs of words in another language than the page's marked with theirs (the build
     gives them as [words, language] when there are any). */
  function marked(text, runs) {
    if (!runs) return text;
    var values = {}, template = runs.map(function (run, i) {
      values["r" + i] = run[1] ? {text: run[0], lang: run[1]} : run[0];
      return "{r" + i + "}";
    }).join("");
    return phrase(template, values);
  }

  function node(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined && typeof text === "object") n.appendChild(text);  // a phrase's nodes
    else if (text !== undefined) n.textContent = text;
    return n;
  }

  function show(ranked, tier, a, first) {
    out.textContent = "";
    var said = {tier: a.tier, first: first, role: a.roleLabel, next: tier};
    out.appendChild(node("h2", {}, _("Suggested for you")));
    if (a.tier && a.tier < first) {
      out.appendChild(node("p", {}, phrase(_("You chose tier {tier}. Your role ({role}) usually starts at tier {first}, " +
        "so pathways at tier {first} are suggested too."), said)));
    } else if (!a.tier && first > 1 && tier === first) {
      out.appendChild(node("p", {}, phrase(_("Your role ({role}) usually starts at tier {first}, " +
        "so that is where these suggestions begin."), said)));
    } else if (!a.tier) {
      out.appendChild(node("p", {}, phrase(_("From what you told us, tier {next} looks like your next step."), said)));
    }
    if (!ranked.length) {
      out.appendChild(node("p", {}, _("No pathway fits these answers yet. Try another role or depth, or browse them all.")));
    }
    var list = node("ol", {"class": "portal-suggestions"});
    ranked.forEach(function (r) {
      var p = r.pathway, li = node("li", {"class": "portal-suggestion"});
      var h = node("h3", {});
      h.appendChild(node("a", {href: new URL(p.url, root).href}, marked(p.title, p.title_marks)));
      li.appendChild(h);
      li.appendChild(node("p", {"class": "portal-meta"},
        (p.generated ? _("Generated pathway") : _("Curated pathway")) + " · " +
        fill(_("Tier {number}"), {number: p.tier}) + " · " + fill(ngettext("{n} step", "{n} steps", p.steps), {n: p.steps})));
      if (p.summary) li.appendChild(node("p", {}, marked(p.summary, p.summary_marks)));
      var reasons = node("ul", {});
      r.why.forEach(function (w) { reasons.appendChild(node("li", {}, w)); });
      li.appendChild(reasons);
      list.appendChild(li);
    });
    out.appendChild(list);
    out.appendChild(node("p", {}, _("Not quite right? Change your answers and ask again. Your answers have not left this page.")));
    // Into view below the sticky header (the section's scroll-margin), then focus for screen readers.
    out.scrollIntoView({block: "start"});
    out.focus({preventScroll: true});
  }

  function suggest() {
    return load().then(function (d) {
      var a = answers(d.subjects), first = a.role && d.firstTier ? d.firstTier[a.role] || 1 : 1;
      // Not sure: what the answers suggest, but never below where the role starts.
      var tier = a.tier || Math.max(inferTier(a, d.subjects), first);
      var ranked = d.pathways.map(function (p) { return score(p, a, tier, first); })
        .filter(function (r) { return r.points > 0; })
        .sort(function (x, y) { return y.points - x.points || x.pathway.title.localeCompare(y.pathway.title); })
        .slice(0, 3);
      show(ranked, tier, a, first);
    }).catch(function () {
      out.textContent = _("Suggestions are not available right now. You can still browse every pathway.");
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();   // nothing is ever submitted
    suggest();
  });
})();
