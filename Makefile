# chohyo: `make demo` and `make test` work on a fresh machine (they install what is missing).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PKGS := tesseract-ocr tesseract-ocr-osd tesseract-ocr-jpn tesseract-ocr-jpn-vert fonts-ipaexfont poppler-utils
# the review page's browser tests (tests/review/test_browser.py) drive Debian's headless Chromium
TEST_APT_PKGS := chromium
DEMO_PDF := fixtures/budget_ruled.pdf
DEMO_OUT := out/demo

.PHONY: demo test bench fixtures lint golden system test-system apt venv clean lock hostile

## System packages (Debian): installed with apt-get when missing (we run as root).
system:
	@$(MAKE) -s apt PKGS="$(APT_PKGS)"

test-system: system
	@$(MAKE) -s apt PKGS="$(TEST_APT_PKGS)"

apt:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## The virtualenv: exact versions from the lock (hashes checked), then chohyo itself, editable,
## built by the locked setuptools. Re-run when the lock or pyproject.toml changes.
LOCK := requirements/dev.lock
$(BIN)/chohyo: pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes -r $(LOCK)
	@# setuptools' editable-install notices are kept in a log, shown only when the install fails
	@$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . \
	  >$(VENV)/editable.log 2>&1 || { cat $(VENV)/editable.log; exit 1; }
	@touch $(BIN)/chohyo

venv: $(BIN)/chohyo

demo: system venv
	$(BIN)/chohyo extract $(DEMO_PDF) -o $(DEMO_OUT)
	@echo; echo "output written to $(DEMO_OUT)/$$(basename $(DEMO_PDF) .pdf)/:"; \
	find $(DEMO_OUT)/$$(basename $(DEMO_PDF) .pdf) -type f | sort | sed 's/^/  /'

## The tests run in TEST_JOBS pytest-xdist workers (one per core, at most 4: each OCR worker holds its
## models, ~0.6 GB); tests sharing a scan's OCR or a worker's time are grouped (tests/conftest.py).
## The folder is named so that the one command always collects the whole suite.
TEST_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)
test: test-system venv
	$(BIN)/python -m pytest -q -n $(TEST_JOBS) --dist loadgroup tests

bench: system venv
	@dpkg -s ghostscript >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq ghostscript >/dev/null; }
	$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes -r requirements/bench.lock
	$(BIN)/python -m bench.run

# make_scans.py last: it scans what the others make (the variants included)
fixtures: venv
	@for g in $(filter-out %/make_scans.py,$(wildcard fixtures/generate/make_*.py)) fixtures/generate/make_scans.py; do \
	  echo "== $$g"; $(BIN)/python $$g || exit 1; done

golden: venv
	CHOHYO_REGEN_GOLDEN=1 $(BIN)/python -m pytest -q tests -k golden

## ruff (lint and format), mypy --strict with every chohyo import resolved, the layer contracts.
# every hostile input (issue 19) in its own process, 60 s and 6 GiB each: fails on any crash, hang,
# internal error, wrong exit code or silent damage (CI runs it beside make test)
hostile: venv
	$(BIN)/python -m bench.hostile --jobs 2 --limit 60

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	BIN=$(BIN) bash .ci/typecheck

## Re-resolve the locks from pyproject.toml (needs the network to PyPI; uv is installed into the venv).
lock: venv
	$(BIN)/python -m pip install -q --disable-pip-version-check uv
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev --generate-hashes \
	  --universal --python-version 3.11 -q -o requirements/dev.lock
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev --extra bench --generate-hashes \
	  --universal --python-version 3.11 -q -o requirements/bench.lock

clean:
	rm -rf out .pytest_cache build *.egg-info
