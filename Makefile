# Quick start: `make site` builds the portal, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test validate bench browser clean messages

NODE_STAMP := node_modules/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# The generator was first installed under another distribution name; one copy of it only.
	$(BIN)/pip uninstall --quiet --yes peolc-portal 2>/dev/null || true
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/portal validate --strict

# Build into a scratch folder and swap it in only on success, so a failed
# build never replaces the last good site.
site: $(STAMP)
	$(BIN)/portal build --site-dir site

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

# Browser tests need Debian's chromium; install it when it is missing.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# Test-only tools from npm (axe-core, the Nu Html Checker's vnu.jar), pinned by package-lock.json;
# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime, and Java comes from Debian.
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm default-jre-headless >/dev/null; \
	fi
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

test: $(STAMP) browser $(NODE_STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP) browser
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.worst

# The interface's words: collect every marked string into the template, then merge it into each
# language's catalog (new strings arrive untranslated, changed ones fuzzy, for translators to check).
# File-only locations and sorted output keep the diffs to the strings that changed.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -c Translators: --add-location=file --sort-output --no-wrap \
	  --project="Portal generator" --version=1 --msgid-bugs-address=" " --header-comment="# The portal generator's interface messages." \
	  -o generator/locale/portal.pot generator
	$(BIN)/pybabel update -i generator/locale/portal.pot -d generator/locale -D portal --no-wrap --ignore-obsolete \
	  --ignore-pot-creation-date

clean:
	rm -rf $(VENV) site .site-* build *.egg-info
