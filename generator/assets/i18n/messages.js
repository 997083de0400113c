/* The portal's scripts in the page's language. The build writes this reader after the language's
   translations (window.portalMessages) into one file per language, assets/i18n/<lang>.js, which pages in
   another language than English load before the other scripts (generator/i18n/browser.py). Without it
   (English pages) each script keeps its own English text. */
(function () {
  "use strict";
  var data = window.portalMessages || {};
  var messages = data.messages || {};
  var plural = data.plural || {};
  var lang = document.documentElement.lang || data.lang;
  var rules = lang && window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
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
