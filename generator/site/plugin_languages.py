"""A portal in several languages: one MkDocs build per language, the first at the site's root, each other under
``/<lang>/``.

The first language's build is the one MkDocs runs; once it has written the site, it builds every other language
into ``<site>/<lang>/`` with a copy of its own configuration (site_url and site_dir moved down one folder, the
theme's language and the portal's words set for that language) and the catalog it has already validated. Each
language is a whole site of its own: its pages, its search index (with that language's stemmer), its open data
and its sitemap; the root ``sitemap.xml`` then lists every page in every language with its alternates. The
catalog is read and checked once; only the pages are made per language.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.structure.files import File, Files

# BCP 47 tags as portals use them: a language, then optional region or script subtags (fr, fr-CA, zh-Hant).
TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
# Words a language block may give for MkDocs' own texts in mkdocs.yml; the portal plugin's words (home,
# subject, vocabularies) take the {en: ..., fr: ...} form in place instead.
SITE_WORDS = ("site_name", "site_description", "copyright")
WORDS = ("name", *SITE_WORDS, "labels")
# Names of languages in their own language, for the switcher (a language block's `name` wins).
NAMES = {"en": "English", "fr": "Français", "cy": "Cymraeg", "de": "Deutsch", "es": "Español", "it": "Italiano",
         "nl": "Nederlands", "pt": "Português", "ga": "Gaeilge", "gd": "Gàidhlig"}


@dataclass(frozen=True)
class Language:
    """One language of the portal: its tag and the portal's own words in it (mkdocs.yml's `languages`)."""

    code: str
    words: Mapping[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The language's name in itself, as the switcher shows it."""
        return str(self.words.get("name") or NAMES.get(self.code) or NAMES.get(self.code.split("-")[0])
                   or self.code)

    def label(self, text: str) -> str:
        """A short label of mkdocs.yml (a nav title, a colour-scheme toggle) in this language, when given."""
        return str(self.words.get("labels", {}).get(text, text))


def parse(value: object) -> list[Language]:
    """``[en, fr]`` or ``[en, {fr: {site_name: ..., labels: {...}}}]``; raises ValueError in the curator's words."""
    if not isinstance(value, list) or not value:
        raise ValueError("a list of language tags such as [en, fr], the first served at the site's root")
    out: list[Language] = []
    for item in value:
        words: Mapping[str, Any] = {}
        if isinstance(item, dict) and len(item) == 1:
            item, words = next(iter(item.items()))
            words = words or {}
            if not isinstance(words, dict):
                raise ValueError(f"the words for {item!r} must be a mapping such as {{site_name: ...}}; got {words!r}")
            unknown = [k for k in words if k not in WORDS]
            if unknown:
                raise ValueError(f"{item!r} has no field {unknown[0]!r}; its fields are {', '.join(WORDS)}")
            for key in ("name", *SITE_WORDS):
                if key in words and (not isinstance(words[key], str) or not words[key].strip()):
                    raise ValueError(f"{item}.{key} must be one line of text; got {words[key]!r}")
            labels = words.get("labels", {})
            if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                       for k, v in labels.items()):
                raise ValueError(f"{item}.labels must map mkdocs.yml's labels to their translation, such as "
                                 f"{{Home: Accueil}}; got {labels!r}")
        if not isinstance(item, str) or not TAG.fullmatch(item):
            raise ValueError(f"{item!r} is not a language tag such as en, fr or fr-CA")
        if any(lang.code == item for lang in out):
            raise ValueError(f"names {item!r} twice")
        out.append(Language(item, words))
    return out


@dataclass(frozen=True)
class LanguageBuild:
    """What the first language's build hands to another language's build: its language and the checked catalog."""

    language: Language
    languages: tuple[Language, ...]
    catalog: Any


_BUILDING: ContextVar[LanguageBuild | None] = ContextVar("portal_language_build", default=None)


def building() -> LanguageBuild | None:
    """The language build in progress, when this MkDocs build is one started by :func:`build_others`."""
    return _BUILDING.get()


def prefix(language: Language, languages: tuple[Language, ...]) -> str:
    """The folder of ``language``'s pages in the site: none for the first language, ``fr/`` for the others."""
    return "" if language == languages[0] else f"{language.code}/"


def theme_language(code: str) -> str:
    """Material's interface language for ``code``: itself, its base language (fr-CA → fr), or English."""
    folder = _material_languages()
    for candidate in (code, code.split("-")[0]):
        if (folder / f"{candidate}.html").is_file():
            return candidate
    return "en"


def _material_languages() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates" / "partials" / "languages"


def root_url(site_url: str, language: Language, languages: tuple[Language, ...]) -> str:
    """The site's root address, from a build's site_url (which ends in ``fr/`` for the French build)."""
    base = prefix(language, languages)
    return site_url[: -len(base)] if base and site_url.endswith(base) else site_url


def alternates(page_url: str, site_url: str, language: Language, languages: tuple[Language, ...],
               ) -> list[dict[str, str]]:
    """Material's ``extra.alternate`` for one page: the same page in every language, in the portal's order.

    Links are full addresses (search engines want them in hreflang), so Material's ``url`` filter leaves them be.
    """
    # Without a site address, paths from the host's root: the site is then served at the root.
    root = root_url(site_url, language, languages) or "/"
    depth = (prefix(language, languages) + page_url).count("/")
    out = []
    for other in languages:
        target = prefix(other, languages) + page_url
        # `href`: the same page relative to this one, for the switcher (generator/theme/partials/alternate.html),
        # which needs no full address and is drawn on every page, within its byte budget.
        out.append({"name": other.name, "link": root + target, "lang": other.code,
                    "href": "../" * depth + target or "./"})
    return out


def localise_docs(files: Files, config: MkDocsConfig, language: Language, languages: tuple[Language, ...],
                  ) -> set[str]:
    """Pick each hand-written page's version in ``language``; return the pages shown in the first language.

    ``about.fr.md`` is the French version of ``about.md``: on the French side it replaces it at the same
    address, and no side publishes it under its own name. A page without a version in the language shows
    the first language's text, marked as such.
    """
    codes = {lang.code for lang in languages}
    versions: dict[tuple[str, str], File] = {}
    for f in files.documentation_pages():
        stem, _, rest = f.src_uri[:-3].rpartition(".") if f.src_uri.endswith(".md") else ("", "", "")
        if stem and rest in codes:
            versions[(stem + ".md", rest)] = f
    for (base, code), f in sorted(versions.items()):
        files.remove(f)
        if files.get_file_from_path(base) is None:
            raise PluginError(f"{f.src_uri} is the {code!r} version of {base}, which does not exist; "
                              f"write {base} in {languages[0].code} first")
    fallback: set[str] = set()
    if language == languages[0]:
        return fallback
    for f in list(files.documentation_pages()):
        version = versions.get((f.src_uri, language.code))
        if version is None:
            if f.abs_src_path and Path(f.abs_src_path).is_relative_to(Path(config.docs_dir).resolve()):
                fallback.add(f.src_uri)
            continue
        files.remove(f)
        replacement = File.generated(config, f.src_uri, abs_src_path=version.abs_src_path,
                                     inclusion=f.inclusion)
        replacement.edit_uri = version.edit_uri
        replacement.generated_by = None  # still a hand-written page: its placeholders are filled as the original's
        files.append(replacement)
    return fallback


def words_for(config: MkDocsConfig, language: Language) -> None:
    """Put ``language``'s words for MkDocs' own texts (site name, description, copyright, nav titles and the
    colour-scheme toggles' names) into this build's configuration."""
    for key in SITE_WORDS:
        if key in language.words:
            config[key] = language.words[key]
    config.nav = _translate_nav(config.nav, language)
    for scheme in config.theme.get("palette") or ():
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = language.label(toggle["name"])


def _translate_nav(nav: Any, language: Language) -> Any:
    if isinstance(nav, list):
        return [_translate_nav(item, language) for item in nav]
    if isinstance(nav, dict):
        return {language.label(str(title)): _translate_nav(item, language) for title, item in nav.items()}
    return nav


def build_others(config: MkDocsConfig, languages: tuple[Language, ...], catalog: Any) -> None:
    """Build every language after the first into ``<site_dir>/<lang>/``, each inside ``i18n.active(lang)``."""
    from ..i18n import active

    for language in languages[1:]:
        other = _config_for(config, language, languages)
        token = _BUILDING.set(LanguageBuild(language, languages, catalog))
        try:
            with active(language.code, default=languages[0].code):
                build(other)
        finally:
            _BUILDING.reset(token)


def _config_for(config: MkDocsConfig, language: Language, languages: tuple[Language, ...]) -> MkDocsConfig:
    """A fresh configuration for ``language``'s build: the same files, one folder down, in that language."""
    # Read afresh from mkdocs.yml: MkDocs consumes parts of a configuration while checking it, so a checked
    # one cannot be loaded again; the same file gives the same settings.
    base = prefix(language, languages)
    try:
        other = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / language.code),
                            site_url=config.site_url + base if config.site_url else None, strict=config.strict)
    except ConfigurationError as exc:  # the first language's build passed the same checks
        raise PluginError(f"the {language.code!r} build's configuration: {exc}") from exc
    other.theme["language"] = theme_language(language.code)
    return other


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def write_sitemap(site_dir: Path, site_url: str, languages: tuple[Language, ...]) -> None:
    """One ``sitemap.xml`` at the root for every language's pages, each with its alternates (hreflang).

    Each language's build wrote its own sitemap; this one replaces the root's (and its .gz copy) with every
    page of every language, so that search engines find the other languages from the root.
    """
    pages: dict[str, dict[str, str]] = {}  # page address inside a language -> {lang: lastmod}
    for language in languages:
        own = prefix(language, languages)
        path = site_dir / own / "sitemap.xml"
        if not path.is_file():
            continue
        base = site_url + own
        for url in ElementTree.parse(path).getroot().iterfind(f"{{{SITEMAP_NS}}}url"):
            loc = url.findtext(f"{{{SITEMAP_NS}}}loc") or ""
            rel = loc[len(base):] if loc.startswith(base) else urlsplit(loc).path.lstrip("/")
            pages.setdefault(rel, {})[language.code] = url.findtext(f"{{{SITEMAP_NS}}}lastmod") or ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for rel in sorted(pages):
        found = pages[rel]
        for language in languages:
            if language.code not in found:
                continue
            lines.append("  <url>")
            lines.append(f"    <loc>{_xml(site_url + prefix(language, languages) + rel)}</loc>")
            if found[language.code]:
                lines.append(f"    <lastmod>{_xml(found[language.code])}</lastmod>")
            for other in languages:
                if other.code in found:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.code}" '
                                 f'href="{_xml(site_url + prefix(other, languages) + rel)}"/>')
            if languages[0].code in found:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                             f'href="{_xml(site_url + rel)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    text = "\n".join(lines) + "\n"
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:  # mtime 0: byte-identical builds
        gz.write(text.encode("utf-8"))
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def untranslated(html: str, lang: str) -> str:
    """A page shown in ``lang`` on another language's side (a hand-written page in the first language, a
    default page of the generator's): said so, and marked."""
    from ..i18n import _, mark

    # Translators: shown above a hand-written page that has no version in this language yet.
    note = mark(_("This page has not been translated yet: it is shown in its original language."))
    return (f'<p class="portal-untranslated">{note}</p>'
            f'<div lang="{lang}">{html}</div>')
