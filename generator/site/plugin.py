"""``plugins: [portal]``: validate the catalog and add its pages to the MkDocs build.

The plugin only moves data between MkDocs and the pipeline; everything it
calls is plain Python tested on its own (see ``generator.validate``,
``generator.pages`` and friends).
"""

from __future__ import annotations

import gc
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import features
from ..curate.analytics import feedback_words
from ..errors import PortalError, Problem
from ..exports import pagehead
from ..i18n import gettext, ngettext, npgettext, pgettext, use_portal_catalogs
from ..i18n.browser import messages_script
from ..outputs import Outputs
from ..pages.compact import compact
from ..pages.defaults import DEFAULT_NAMES, DEFAULT_PAGES_LANGUAGE, fill, placeholders
from ..pages.html import esc
from ..pages.icons import SPRITE, Sprite
from ..security.config_text import escape_printed_text
from ..settings import OPTIONS, Settings, load_settings
from ..validate import validate_project
from . import plugin_fragments as fragments
from . import plugin_languages as lang_site
from . import rawhtml
from .sitelinks import LinkBook
from .plugin_config import PortalConfig

log = get_plugin_logger(__name__)

# The generator's templates and stylesheet (generator/theme/): between the portal's own overrides
# (theme.custom_dir) and Material, so a portal overrides what it chooses and inherits the rest.
THEME_DIR = Path(__file__).resolve().parents[1] / "theme"
STYLESHEET = "assets/portal.css"
# What every page must carry; an override that drops one fails the build instead of shipping without it.
REQUIRED_ON_EVERY_PAGE = {
    '<meta http-equiv="Content-Security-Policy"': "the Content-Security-Policy",
    "assets/search/header-search.js": "the catalog search",
}

# `mkdocs serve` creates fresh plugins for every rebuild (and calls on_startup
# only once), so what must outlive one build is kept here.
_SESSION: dict[str, bool] = {"serving": False}
_LAST_GOOD: dict[str, Outputs] = {}


def _log_problem(problem: Problem) -> None:
    (log.error if problem.is_error else log.warning)(str(problem))


def _nav_sources(nav: Any) -> set[str]:
    """Every Markdown path named in mkdocs.yml's nav."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            found |= _nav_sources(item)
    elif isinstance(nav, dict):
        for item in nav.values():
            found |= _nav_sources(item)
    return found


class PortalPlugin(BasePlugin[PortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.outputs: Outputs | None = None
        self._raw: dict[str, list[str]] = {}  # src_uri -> the page's raw HTML blocks, between the two events
        self.problems: list[Problem] = []
        self.links = LinkBook()
        self.icons = Sprite()  # the theme's icons, drawn from one file (generator/pages/icons.py)
        # The portal's languages (mkdocs.yml `languages`) and the one this build makes; none without the option.
        self.languages: tuple[lang_site.Language, ...] = ()
        self.language: lang_site.Language | None = None
        # Pages shown on this side in another language than its own: src_uri -> the language they are written in.
        self._untranslated: dict[str, str] = {}
        self._active = ExitStack()
        self._holding = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        _SESSION["serving"] = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).resolve().parent
        escape_printed_text(config)
        add_theme(config)
        unknown = [name for name in self.config.features or () if name not in features.OPTIONAL]
        if unknown:
            raise PluginError(f"Plugin 'portal' option 'features': {unknown[0]!r} is not an optional feature; "
                              f"choose from {', '.join(features.OPTIONAL)}")
        self._set_language(config)
        self.settings = load_settings(root).with_options(**{name: self.config[name] for name in OPTIONS})
        use_portal_catalogs(root)  # the portal's own translations (locale/) win over the generator's
        feedback_words(config.extra)  # the feedback widget's words, in this build's language
        # `mkdocs serve` must rebuild when a curator edits the catalog or the framework.
        included = [(root / spec.path) for spec in self.settings.sources]
        for folder in (self.settings.catalog_path, self.settings.competencies_path, *included):
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        # sitemap.xml, the feeds and the curators' report carry the build date: pin it to the
        # last commit so rebuilds are byte-identical.
        given = os.environ.get("SOURCE_DATE_EPOCH")
        if given is None:
            os.environ["SOURCE_DATE_EPOCH"] = _build_time(root)
        elif not given.strip().isdigit():
            raise PluginError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {given!r}")
        return config

    def _set_language(self, config: MkDocsConfig) -> None:
        """This build's language: the theme's language, the portal's words in it, the switcher's languages."""
        # MkDocs keeps one instance of this plugin for the whole process (it has on_startup), so a build must
        # not inherit the last one's languages.
        self.languages, self.language, self._untranslated = (), None, {}
        started = lang_site.building()
        if started is not None:  # another language's build, started by the first language's (languages.py)
            self.languages, self.language = started.languages, started.language
        elif self.config.languages:
            self.languages = tuple(self.config.languages)
            self.language = self.languages[0]
            from ..i18n import active

            # The portal's data and plain-text words are in its first language.
            self._active.enter_context(active(self.language.code, default=self.language.code))
        else:
            return
        config.theme["language"] = lang_site.theme_language(self.language.code)
        lang_site.words_for(config, self.language)
        if len(self.languages) > 1:  # the header's switcher; each page gets its own links in on_page_context
            config.extra["alternate"] = lang_site.alternates("", config.site_url or "", self.language,
                                                             self.languages)
            config.extra["portal_language"] = self.language.code  # the switcher leaves out the page's own

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Validate before MkDocs cleans the site folder, so a broken catalog leaves the last good site served."""
        if not self.config.enabled or self.settings is None:
            return
        self.outputs = None
        started = lang_site.building()
        if started is not None:  # the first language's build has checked the catalog already
            self.outputs = self._outputs(started.catalog, config)
            return
        with self._making():
            result = validate_project(self.settings)
        for problem in result.problems:
            _log_problem(problem)
        key = str(self.settings.root)
        if result.errors or result.catalog is None:
            message = f"the catalog has {len(result.errors)} error(s), listed above"
            if not _SESSION["serving"]:
                raise PluginError(f"{message}; the site was not built")
            # While previewing, keep the site up: MkDocs would otherwise hold every
            # request until the curator has fixed the file.
            self.outputs = _LAST_GOOD.get(key)
            self.problems = result.errors
            log.error(f"{message}; " + ("still serving the last valid catalog" if self.outputs
                                         else "serving a page that lists them") + " until they are fixed")
            return
        self.outputs = self._outputs(result.catalog, config)
        _LAST_GOOD[key] = self.outputs

    @contextmanager
    def _making(self) -> Iterator[None]:
        """No garbage collector passes while the catalog is read and its pages and files are made: nearly all
        that these steps allocate lives until the build ends, and each pass walked all of it again (about a
        twentieth of a 10,000-entry build). Reference counting still frees what they drop; what they keep is
        then held (``_hold``), so that the collector's next pass does not walk it either."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            self._hold()
            if enabled:
                gc.enable()

    def _hold(self) -> None:
        """Take what exists now (the catalog model; later, the generated pages) out of the garbage collector's
        passes until the build ends. It lives until then anyway, and walking it again on every pass took about a
        tenth of a 10,000-entry build. The first language's build lets it go when the whole run ends, whether
        it succeeds or fails (``_active``), so that ``mkdocs serve``'s next build collects it."""
        gc.freeze()
        if lang_site.building() is None and not self._holding:
            self._active.callback(self._let_go)
            self._holding = True

    def _let_go(self) -> None:
        gc.unfreeze()
        self._holding = False  # MkDocs keeps this plugin for the process's next build

    def _outputs(self, catalog: Any, config: MkDocsConfig) -> Outputs:
        assert self.settings is not None
        return Outputs(catalog, self.settings, site_name=config.site_name, site_url=config.site_url or "",
                       page_size=self.config.page_size, extra=dict(config.extra),
                       home=dict(self.config.home, description=config.site_description or ""),
                       features=self.config.features)

    # Runs late so that other plugins' files exist before ours are checked against them.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.outputs is None:
            if self.problems and files.get_file_from_path("index.md") is None:
                files.append(File.generated(config, "index.md", content=problems_page(self.problems)))
            return files if self.problems else None
        in_nav = _nav_sources(config.nav)
        edit_root = self.config.edit_root.strip("/")
        docs_rel = self.settings.relative(Path(config.docs_dir))
        for f in files.documentation_pages():
            # Edit links point at the source in the repository, not at docs_dir.
            f.edit_uri = "/".join(p for p in (edit_root, docs_rel, f.src_uri) if p)
        if self.language is not None:
            first = self.languages[0].code
            self._untranslated = dict.fromkeys(lang_site.localise_docs(files, config, self.language, self.languages),
                                               first)
        with self._making():
            try:
                pages, assets = features.pages(self.outputs), list(features.assets(self.outputs))
            except PortalError as exc:  # a setting a feature cannot use (extra.analytics, ...)
                raise PluginError(str(exc)) from exc
            self._add_files(files, config, pages, assets, in_nav, edit_root)
        return files

    def _add_files(self, files: Files, config: MkDocsConfig, pages: list[Any], assets: list[tuple[str, str | bytes]],
                   in_nav: set[str], edit_root: str) -> None:
        for page in pages:
            if files.get_file_from_path(page.src_uri) or files.get_file_from_path(page.other_src_uri):
                continue  # a hand-written page of the same name wins
            inclusion = InclusionLevel.UNDEFINED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            f = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            f.edit_uri = "/".join(p for p in (edit_root, page.edit_path) if p) if page.edit_path else None
            files.append(f)
            if self.language is not None and page.src_uri in DEFAULT_NAMES \
                    and self.language.code.split("-")[0] != DEFAULT_PAGES_LANGUAGE:
                self._untranslated[page.src_uri] = DEFAULT_PAGES_LANGUAGE  # the generator's default, in English
        for path, content in assets:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self._hold()  # every page of the site now exists, and lives until the build ends
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's templates write the generator's words with ``_()``, from the same message catalogs, and
        draw the parts that many pages share once (plugin_fragments.py)."""
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(gettext, ngettext, newstyle=False, pgettext=pgettext, npgettext=npgettext)
        dirs = list(config.theme.dirs)
        fragments.install(env, dirs[:dirs.index(str(THEME_DIR))] if str(THEME_DIR) in dirs else [])
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Fill the portal's own pages' placeholders (pages/defaults.py); set the generated pages' raw HTML aside,
        so that Markdown does not parse it (see rawhtml.py)."""
        if page.file.generated_by is None and self.outputs is not None:  # a page the portal wrote, not the catalog
            markdown = fill(markdown, placeholders(self.outputs.settings, self.outputs.site_name, self.outputs.site_url))
        markdown, self._raw[page.file.src_uri] = rawhtml.stash(markdown)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Entry and pathway pages end with the copy-and-paste embed snippet (generator/exports)."""
        html = rawhtml.restore(html, self._raw.pop(page.file.src_uri, []))
        if page.file.src_uri in self._untranslated:
            html = lang_site.untranslated(html, self._untranslated[page.file.src_uri])
        if self.outputs is None or not self.outputs.publishes("exports"):
            return html
        return html + pagehead.snippet(self.outputs, page.meta.get("portal"))

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        """Head tags (oEmbed, Open Graph, JSON-LD, feeds) for generator/theme/partials/portal-exports-head.html."""
        if self.outputs is not None and self.outputs.publishes("exports"):
            context["portal_head"] = pagehead.head(self.outputs, page.meta.get("portal"))
        # The browser scripts' words in the page's language (none on English pages: the scripts' own text).
        context["portal_messages"] = messages_script()
        if len(self.languages) > 1 and self.language is not None:
            # Material draws the switcher and the hreflang links from extra.alternate: this page's own.
            config.extra["alternate"] = lang_site.alternates(page.url, config.site_url or "", self.language,
                                                             self.languages)
            context["portal_x_default"] = config.extra["alternate"][0]["link"]
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Drop the templates' indentation and inline icons; keep entry and pathway pages within the page budget."""
        check_page_parts(output, page.file.src_uri)
        self.links.add(page.file.dest_uri, output)
        output = self.icons.use(compact(output), page.url)
        if self.outputs is None or not self.outputs.publishes("exports"):
            return output
        return pagehead.fit(self.outputs, page.meta.get("portal"), output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The theme's own pages (404.html) lose their indentation too; sitemaps are left alone."""
        return compact(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.icons.paths:
            (Path(config.site_dir) / SPRITE).write_text(self.icons.document(), encoding="utf-8")
        self.icons = Sprite()
        if self.outputs is not None:
            features.post_build(self.outputs, Path(config.site_dir))
        broken = self.links.broken(Path(config.site_dir))
        self.links = LinkBook()
        for link in broken:
            log.error(str(link))
        if broken and not _SESSION["serving"]:
            raise PluginError(f"{len(broken)} broken link(s) inside the site, listed above")
        if len(self.languages) > 1 and lang_site.building() is None and self.outputs is not None:
            lang_site.build_others(config, self.languages, self.outputs.catalog)
            lang_site.write_sitemap(Path(config.site_dir), config.site_url or "", self.languages)
        if lang_site.building() is None:  # the first language's build holds the language for the whole run
            self._active.close()

    def on_build_error(self, *, error: Exception) -> None:
        if lang_site.building() is None:
            self._active.close()


def add_theme(config: MkDocsConfig) -> None:
    """Put the generator's templates on the theme's search path and its stylesheet first in extra_css."""
    if config.theme.name != "material":
        raise PluginError(f"the portal needs the Material theme (theme: name: material), not {config.theme.name!r}")
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)  # first, so the portal's own stylesheets win


def check_page_parts(html: str, src_uri: str) -> None:
    """Refuse a page that an override left without the security policy or the search."""
    for marker, part in REQUIRED_ON_EVERY_PAGE.items():
        if marker not in html:
            raise PluginError(
                f"{src_uri}: the page was rendered without {part}; a main.html in the portal's theme "
                'overrides must extend "portal/main.html" and keep its blocks (call {{ super() }})')


def problems_page(problems: list[Problem]) -> str:
    """The preview's home page while the catalog cannot be built: what is wrong, and where."""
    rows = "".join(f"<li><code>{esc(p)}</code></li>" for p in problems)
    return ("# The catalog has errors\n\n"
            f'<div markdown="0"><p>Fix these and save: the preview rebuilds by itself.</p><ul>{rows}</ul></div>\n')


def _commit_time(root: Path) -> str | None:
    """The last commit's time in seconds, or None outside a git checkout."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                             timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if value.isdigit() else None


def _build_time(root: Path) -> str:
    """The build date to publish: the last commit's time, else the start of today (UTC).

    Outside a git checkout (a downloaded archive, a container's build context)
    there is no commit to date the build by; today keeps overdue reviews and
    upcoming sessions right, and two builds on the same day still match.
    """
    commit = _commit_time(root)
    if commit is not None:
        return commit
    today = int(time.time()) // 86_400 * 86_400
    # Information, not a warning: a strict build must not fail for being built from an archive.
    log.info("not a git checkout: the build is dated today, %s (UTC); set SOURCE_DATE_EPOCH to date it yourself",
             time.strftime("%Y-%m-%d", time.gmtime(today)))
    return str(today)
