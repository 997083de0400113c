"""Opt-in evaluation: page analytics and the "Was this page helpful?" widget.

Off by default: with no ``extra.analytics`` in mkdocs.yml the site loads no
analytics script and makes no third-party request. Switched on with::

    extra:
      analytics:
        provider: portal                              # the only provider: a script file, no inline code
        endpoint: https://plausible.example.org/api/event   # receives Plausible-style JSON events
        domain: portal.example.org                    # optional: the site's name at the collector
        feedback:                                     # optional: Material's feedback widget
          title: Was this page helpful?
          ratings:
            - {icon: material/thumb-up-outline, name: This page was helpful, data: 1,
               note: Thanks for your feedback!}
            - {icon: material/thumb-down-outline, name: This page could be improved, data: 0,
               note: Thanks! Tell us what was missing with the suggestion form.}
      csp:
        connect-src: [https://plausible.example.org]  # let the browser send the events

The settings are checked here, at build time, so a typo fails the build
instead of silently switching analytics off (or on).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..outputs import Outputs

# generator/theme/partials/integrations/analytics.html loads this path.
SCRIPT = "assets/javascripts/portal/analytics.js"
PROVIDER = "portal"
KEYS = {"provider", "endpoint", "domain", "feedback"}


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
            raise ConfigError(f"{where}.feedback needs a title and a list of ratings (icon, name, data, note)")
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
