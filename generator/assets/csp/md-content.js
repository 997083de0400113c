// Material's inline content snippets (partials/javascripts/content.html), moved into a file so that the
// Content-Security-Policy can forbid inline scripts: open the content tab named by the URL's hash, and
// (with the content.tabs.link feature, flagged by data-tabs-link) the tabs the reader chose last time.
if(document.currentScript&&document.currentScript.hasAttribute("data-tabs-link")){var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}}
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));
