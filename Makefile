# Quick start: `make site` builds the portal, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test validate bench browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
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

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

bench: $(STAMP) browser
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) site .site-* build *.egg-info
