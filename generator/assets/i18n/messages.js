/* The portal's scripts in the page's language. The build writes the translations as a JSON data block
   (<script type="application/json" id="portal-messages">: data, so the Content-Security-Policy needs no
   exception) on pages in another language than English, and loads this file before the other scripts.
   Without it (English pages) each script keeps its own English text. */
(function () {
  "use strict";
  var data = {};
  var block = document.getElementById("portal-messages");
  if (block) {
    try { data = JSON.parse(block.textContent) || {}; } catch (e) { data = {}; }
  }
  var messages = data.messages || {};
  var plural = data.plural || {};
  var rules = data.lang && window.Intl && Intl.PluralRules ? new Intl.PluralRules(data.lang) : null;
  window.portalI18n = {
    _: function (text) {
      var found = messages[text];
      return typeof found === "string" && found ? found : text;
    },
    ngettext: function (one, other, n) {
      var forms = messages[one];
      var index = rules && Array.isArray(forms) ? plural[rules.select(n)] : undefined;
      return index !== undefined && forms[index] ? forms[index] : (n === 1 ? one : other);
    }
  };
})();
