// Material's inline `__md_scope` snippet (partials/javascripts/base.html), moved into a file so that the
// Content-Security-Policy can forbid inline scripts. Same behaviour: the scope is the site root, worked out
// from this file's own URL (assets/javascripts/portal/), unless mkdocs.yml's `extra.scope` sets it.
(function (me) {
  var scope = me && me.getAttribute("data-md-scope");
  window.__md_scope = scope ? new URL(scope, location) : new URL("../../../", me ? me.src : location);
})(document.currentScript);
// Material fetches sitemap.xml beside every <link rel="alternate"> to steer its language switcher; the portal's
// hreflang links and switcher already lead to the same page in each language, so that fetch would only cost a
// missing file per link on every page. The served HTML keeps rel="alternate" for search engines.
document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (l) { l.rel = "alternate portal"; });
__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
