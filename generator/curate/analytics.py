"""Opt-in evaluation: page analytics and the "Was this page helpful?" widget.

Off by default: with no ``extra.analytics`` in mkdocs.yml the site loads no
analytics script and makes no third-party request. Switched on with::

    extra:
      analytics:
        provider: portal                              # the only provider: a script file, no inline code
        endpoint: https://plausible.example.org/api/event   # receives Plausible-style JSON events
        domain: portal.example.org                    # optional: the site's name at the collector
        feedback: {}                                  # optional: Material's feedback widget, in the
                                                      # page's language (the generator's own words)
      csp:
        connect-src: [https://plausible.example.org]  # let the browser send the events

A portal may write the widget's words itself, as Material documents them; each text may be
``{en: ..., fr: ...}`` for a portal in several languages, and a text that is one of the generator's
default words is translated like them::

        feedback:
          title: Was this page helpful?
          ratings:
            - {icon: material/thumb-up-outline, name: This page was helpful, data: 1,
               note: {en: Thanks for telling us!, fr: Merci de nous l’avoir dit !}}
            - {icon: material/thumb-down-outline, name: This page could be improved, data: 0,
               note: Thanks for your feedback: it helps us improve this page.}

The settings are checked here, at build time, so a typo fails the build
instead of silently switching analytics off (or on).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..i18n import N_, _, localized, mark

if TYPE_CHECKING:
    from ..outputs import Outputs

# generator/theme/partials/integrations/analytics.html loads this path.
SCRIPT = "assets/javascripts/portal/analytics.js"
PROVIDER = "portal"
KEYS = {"provider", "endpoint", "domain", "feedback"}


# The widget's words when mkdocs.yml gives none (`feedback: {}`): messages of the catalog, in every language.
# Translators: the question and answers of the feedback widget at the end of a page.
TITLE = N_("Was this page helpful?")
HELPFUL = N_("This page was helpful")
IMPROVE = N_("This page could be improved")
THANKS = N_("Thanks for your feedback!")
THANKS_IMPROVE = N_("Thanks for your feedback: it helps us improve this page.")
DEFAULT_WORDS = frozenset((TITLE, HELPFUL, IMPROVE, THANKS, THANKS_IMPROVE))


def default_feedback() -> dict[str, Any]:
    """Material's feedback settings with the generator's words (in English; ``feedback_words`` translates)."""
    return {"title": TITLE, "ratings": [
        {"icon": "material/thumb-up-outline", "name": HELPFUL, "data": 1, "note": THANKS},
        {"icon": "material/thumb-down-outline", "name": IMPROVE, "data": 0, "note": THANKS_IMPROVE},
    ]}


def _words(value: object) -> str:
    """A text of the widget in the active language: the generator's default words from the catalog, a
    portal's ``{lang: text}`` picked, a portal's plain text as it is (marked with its language)."""
    if isinstance(value, str) and value in DEFAULT_WORDS:
        return _(value)
    return localized(value if isinstance(value, (str, Mapping)) else str(value))


def feedback_words(extra: dict[str, Any]) -> None:
    """Put the feedback widget's words into ``extra.analytics.feedback`` in the active language, as the HTML
    Material's partial prints (it does not escape): the question and notes escaped and marked with their
    language when it is not the page's, the answers (button titles, attributes) escaped. ``feedback: {}``
    gives the generator's own words. Settings that are not usable are left for ``read_settings`` to report."""
    cfg = extra.get("analytics")
    feedback = cfg.get("feedback") if isinstance(cfg, dict) else None
    if feedback == {}:
        feedback = default_feedback()
    if not isinstance(cfg, dict) or not isinstance(feedback, dict) or not isinstance(feedback.get("ratings"), list):
        return
    ratings = [{**rating, "name": escape(str(_words(rating["name"])), quote=True),
                **({"note": mark(_words(rating["note"]))} if rating.get("note") else {})}
               if isinstance(rating, dict) and "name" in rating else rating for rating in feedback["ratings"]]
    title = mark(_words(feedback["title"])) if feedback.get("title") else feedback.get("title")
    extra["analytics"] = {**cfg, "feedback": {**feedback, "title": title, "ratings": ratings}}


@dataclass(frozen=True)
class Analytics:
    endpoint: str
    domain: str = ""
    feedback: bool = False


def read_settings(extra: dict[str, Any]) -> Analytics | None:
    """The analytics settings from mkdocs.yml ``extra:``, or None when switched off.

    Raises:
        ConfigError: the settings are present but unusable (wrong provider, no https endpoint, ...).
    """
    cfg = extra.get("analytics")
    if cfg is None or cfg == {}:
        return None
    where = "mkdocs.yml extra.analytics"
    if not isinstance(cfg, dict):
        raise ConfigError(f"{where} must be a mapping with provider, endpoint and optionally feedback")
    if cfg.get("provider") != PROVIDER:
        raise ConfigError(
            f"{where}.provider is {cfg.get('provider')!r}; use 'portal'. Material's own providers add an inline "
            "script, which the site's Content-Security-Policy does not allow")
    unknown = sorted(set(cfg) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known keys are {', '.join(sorted(KEYS))}")
    endpoint = cfg.get("endpoint")
    parts = urlsplit(endpoint) if isinstance(endpoint, str) else None
    if parts is None or parts.scheme != "https" or not parts.netloc:
        raise ConfigError(f"{where}.endpoint must be an https:// address that receives the events, got {endpoint!r}")
    feedback = cfg.get("feedback")
    if feedback is not None:
        ratings = feedback.get("ratings") if isinstance(feedback, dict) else None
        if not isinstance(feedback, dict) or not feedback.get("title") or not isinstance(ratings, list) or not ratings:
            raise ConfigError(f"{where}.feedback needs a title and a list of ratings (icon, name, data, note), "
                              "or {} for the generator's own words in the page's language")
        for i, rating in enumerate(ratings):
            if not isinstance(rating, dict) or not {"icon", "name", "data"} <= set(rating):
                raise ConfigError(f"{where}.feedback.ratings[{i}] needs icon, name and data")
    domain = cfg.get("domain") or ""
    return Analytics(endpoint, str(domain), feedback is not None)


def analytics_assets(outputs: Outputs) -> Iterator[tuple[str, bytes]]:
    """The analytics script, published only when analytics is switched on."""
    if read_settings(outputs.extra) is None:
        return
    yield SCRIPT, (resources.files("generator") / "assets" / "analytics" / "analytics.js").read_bytes()
