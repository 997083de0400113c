// Draw a pathway or an entry from the portal's JSON API into this page, in this page's own font and colours.
// Usage: <div data-portal-api="https://PORTAL/api/v1/pathways/ID.json"></div>
//        <script src="https://PORTAL/embed/native.js" defer></script>
// It reads only from the portal this script comes from, sends no cookies, stores nothing, and builds every
// element with DOM methods and textContent: no text from the data is ever parsed as HTML.
// The card speaks the portal's language, not the host page's: each language of the portal publishes its own
// copy of this script (under /<lang>/embed/ beside its API), with that language's words written in.
(function () {
  "use strict";
  // The build writes its language and its translations of this script's words here (generator/exports/embeds.py).
  var words = {} /* the build's language and words */;
  var messages = words.messages || {}, plural = words.plural || {}, lang = words.lang || "";
  var rules = lang && window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
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

  function _(text) {
    var found = messages[text];
    return typeof found === "string" && found ? found : text;
  }

  function pgettext(context, text) {
    var found = messages[context + "\u0004" + text];
    return typeof found === "string" && found ? found : text;
  }

  function ngettext(one, other, n) {
    var forms = messages[one];
    var index = rules && Array.isArray(forms) ? plural[rules.select(n)] : undefined;
    return index !== undefined && forms[index] ? forms[index] : (n === 1 ? one : other);
  }

  function base(tag) {
    return String(tag || "").split("-")[0].toLowerCase();
  }

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // A message's words with its {placeholders} filled in, as text.
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  // A message's words with its {placeholders} filled by text or by elements, appended to parent.
  function fill(parent, template, values) {
    template.split(/(\{\w+\})/).forEach(function (part) {
      var name = /^\{(\w+)\}$/.exec(part);
      var value = name && Object.prototype.hasOwnProperty.call(values, name[1]) ? values[name[1]] : part;
      if (value === "" || value === null || value === undefined) return;
      parent.appendChild(typeof value === "object" ? value : document.createTextNode(String(value)));
    });
    return parent;
  }

  // Data written in another language than the card's words is marked with its own (WCAG 3.1.2).
  function inLanguage(node, textLang) {
    if (textLang && base(textLang) !== base(lang)) node.lang = textLang;
    return node;
  }

  // A title or summary as the portal's page shows it in the card's language, with the language it is in.
  function shown(data, name) {
    var given = data.shown && data.shown[name];
    return given && given.text ? given : {text: data[name], lang: ""};
  }

  function link(text, url, className) {
    var href = web(url);
    if (!href) return el("span", className, text);
    var a = el("a", className, text);
    a.href = href;
    a.rel = "noopener";
    return a;
  }

  // The same words as the portal's own embed cards (generator/exports/embeds.py), so they share translations.
  function attribution(data, reviewed) {
    var p = el("p", "portal-native-attribution");
    var portal = data.portal || {};
    fill(p, pgettext("embed card", "From {site}."), {site: link(portal.name || origin, portal.url || (data.links && data.links.page))});
    if (data.licence) {
      p.appendChild(document.createTextNode(" "));
      fill(p, _("Text: {licence}."), {licence: link(data.licence.name, data.licence.url)});
    }
    if (reviewed) p.appendChild(document.createTextNode(" " + format(_("Last reviewed {date}"), {date: reviewed}) + "."));
    p.appendChild(document.createTextNode(" "));
    fill(p, _("{full_details}. Listing is not endorsement."), {full_details: link(_("Full details"), data.links && data.links.page)});
    return p;
  }

  function title(data) {
    var given = shown(data, "title");
    var h = el("h3", "portal-native-title");
    h.appendChild(inLanguage(link(given.text, data.links && data.links.page), given.lang));
    return h;
  }

  function summary(data) {
    var given = shown(data, "summary");
    return inLanguage(el("p", "portal-native-summary", given.text), given.lang);
  }

  function pathway(data) {
    var box = el("section", "portal-native portal-native-pathway");
    var kicker = [data.generated ? _("Generated pathway") : _("Learning pathway"),
                  format(_("Tier {number}"), {number: data.tier})];
    box.appendChild(el("p", "portal-native-kicker", kicker.join(" · ")));
    box.appendChild(title(data));
    box.appendChild(summary(data));
    var ol = el("ol", "portal-native-steps");
    (data.steps || []).forEach(function (step) {
      var li = el("li"), given = shown(step, "title");
      li.appendChild(inLanguage(link(given.text, step.page), given.lang));
      if (step.optional) li.appendChild(document.createTextNode(" " + pgettext("a step", "(optional)")));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    box.appendChild(attribution(data, data.reviewed));
    return box;
  }

  // A fact with one line per item, or nothing when there are no items. A line is text, or a list of parts
  // (text, or [text, its language]).
  function fact(list, term, lines) {
    if (!lines.length) return;
    list.appendChild(el("dt", null, term));
    var dd = el("dd");
    lines.forEach(function (line, i) {
      if (i) dd.appendChild(el("br"));
      [].concat(line).forEach(function (part) {
        dd.appendChild(Array.isArray(part) ? inLanguage(el("span", null, part[0]), part[1])
                                           : document.createTextNode(part));
      });
    });
    list.appendChild(dd);
  }

  // The dates still to come (or the latest, when all are past) and the modules, in the entry page's words.
  function entryFacts(data) {
    var list = el("dl", "portal-native-facts");
    var runs = data.runs || [];
    var coming = runs.filter(function (r) { return !r.past; });
    // Translators: the heading of the dates on an entry's card.
    fact(list, _("When"), (coming.length ? coming : runs.slice(-1)).slice(0, 3).map(function (r) {
      // Translators: before the dates of a run that is over, on an entry's card.
      return [r.past ? _("Past: ") + r.text : r.text, r.recurrence && r.recurrence.text, r.next_text]
        .filter(Boolean).join(". ") + ".";
    }));
    var modules = data.modules || [];
    var count = format(ngettext("{n} module or session:", "{n} modules or sessions:", modules.length),
                       {n: modules.length});
    // Translators: the heading of the modules on an entry's card.
    fact(list, _("Modules"), modules.length ? [count].concat(modules.map(function (m, i) {
      return [(i + 1) + ". " + (m.code ? m.code + ": " : ""), [m.title, m.title_lang], m.details ? " (" + m.details + ")" : ""];
    })) : []);
    return list.childNodes.length ? list : null;
  }

  function entry(data) {
    var box = el("section", "portal-native portal-native-entry");
    box.appendChild(title(data));
    box.appendChild(summary(data));
    var go = el("p", "portal-native-action");
    go.appendChild(link(_("Go to the provider’s site"), data.url));
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
        if (lang) card.lang = lang;  // the card's words, whatever the host page's language
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
