// Material's inline palette snippet (partials/javascripts/palette.html), moved into a file so that the
// Content-Security-Policy can forbid inline scripts: applies the colour scheme the reader chose last time.
// It runs right after the header, once <head> is complete, so it also tames the data links (see the end).
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
// Material's language switcher fetches "sitemap.xml" beside every <link rel="alternate"> in the page. Ours
// (Atom feed, oEmbed and JSON discovery: the ones with a type) are not languages, and those fetches would be
// wasted 404s, or third-party requests on any host but site_url's. Crawlers and oEmbed consumers read the
// served HTML, which keeps rel="alternate"; only this page's DOM changes, before Material's script runs.
(function(){for(var link of document.querySelectorAll("link[rel=alternate][type]"))link.setAttribute("rel","alternate portal-data")})();
