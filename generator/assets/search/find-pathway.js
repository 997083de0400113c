/*
 * Find my pathway (generator/search/pathways.py): suggests learning pathways from
 * a short self-assessment, entirely in this browser. The answers are never sent
 * or stored: the form has no action, submitting it only runs suggest() below,
 * and the only request is for the site's own search/pathways.json.
 */
(function () {
  "use strict";

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

  function label(id) {
    var n = document.querySelector("label[for='" + id + "']");
    return n ? n.textContent.trim() : "";
  }

  function optionText(select) {
    return select.value ? select.options[select.selectedIndex].textContent.trim() : "";
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
      why.push("Below tier " + first + ", where your role (" + a.roleLabel.toLowerCase() + ") usually starts" +
               (a.tier && a.tier < first ? ": offered because you chose tier " + a.tier : ""));
    }
    if (a.role) {
      if (p.professions.indexOf(a.role) >= 0) { points += 4; why.push("Written for: " + a.roleLabel.toLowerCase()); }
      else if (!p.professions.length) { points += 1; why.push("Open to every role"); }
      else points -= 3;
    }
    if (a.setting) {
      if (p.settings.indexOf(a.setting) >= 0) { points += 1.5; why.push("Fits your setting: " + a.settingLabel.toLowerCase()); }
      else if (!p.settings.length) points += 0.5;
    }
    var step = p.tier - tier;
    if (step === 0) { points += 3; why.push("At tier " + p.tier + ", the depth " + (a.tier ? "you chose" : "that suits what you told us")); }
    else if (step === 1) { points += 1; why.push("One tier deeper than " + (a.tier ? "you chose" : "where you are now")); }
    else if (step === -1) points += 0.5;
    else points -= 2;
    a.audiences.forEach(function (x) {
      if (p.audiences.indexOf(x.id) >= 0) { points += 1.5; why.push("Focus on " + x.label.toLowerCase()); }
    });
    var fresh = p.competencies.filter(function (c) { return !a.confident.has(c); }).length;
    if (p.competencies.length) {
      points += 3 * fresh / p.competencies.length;
      if (fresh) why.push("Covers " + fresh + " of its " + p.competencies.length + " competencies you have not marked as confident");
      else { points -= 5; why.push("You already feel confident in everything it covers"); }
    }
    if (!p.generated) points += 0.25;  // a curator's reasons for each step are worth a little extra
    return {pathway: p, points: points, why: why};
  }

  function node(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function show(ranked, tier, a, first) {
    out.textContent = "";
    out.appendChild(node("h2", {}, "Suggested for you"));
    if (a.tier && a.tier < first) {
      out.appendChild(node("p", {}, "You chose tier " + a.tier + ". Your role (" + a.roleLabel.toLowerCase() +
        ") usually starts at tier " + first + ", so pathways at tier " + first + " are suggested too."));
    } else if (!a.tier && first > 1 && tier === first) {
      out.appendChild(node("p", {}, "Your role (" + a.roleLabel.toLowerCase() + ") usually starts at tier " + first +
        ", so that is where these suggestions begin."));
    } else if (!a.tier) {
      out.appendChild(node("p", {}, "From what you told us, tier " + tier + " looks like your next step."));
    }
    if (!ranked.length) {
      out.appendChild(node("p", {}, "No pathway fits these answers yet. Try another role or depth, or browse them all."));
    }
    var list = node("ol", {"class": "portal-suggestions"});
    ranked.forEach(function (r) {
      var p = r.pathway, li = node("li", {"class": "portal-suggestion"});
      var h = node("h3", {});
      h.appendChild(node("a", {href: new URL(p.url, root).href}, p.title));
      li.appendChild(h);
      li.appendChild(node("p", {"class": "portal-meta"},
        (p.generated ? "Generated pathway" : "Curated pathway") + " · Tier " + p.tier + " · " + p.steps + " step" + (p.steps === 1 ? "" : "s")));
      if (p.summary) li.appendChild(node("p", {}, p.summary));
      var reasons = node("ul", {});
      r.why.forEach(function (w) { reasons.appendChild(node("li", {}, w)); });
      li.appendChild(reasons);
      list.appendChild(li);
    });
    out.appendChild(list);
    out.appendChild(node("p", {}, "Not quite right? Change your answers and ask again. Your answers have not left this page."));
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
      out.textContent = "Suggestions are not available right now. You can still browse every pathway.";
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();   // nothing is ever submitted
    suggest();
  });
})();
