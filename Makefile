# Two commands on a fresh machine:  make site  ·  make test
# Both create and reuse .venv, install exactly the pinned versions (constraints.txt), and install the
# Debian packages they need with apt-get when missing.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

SITE_DEBS := fonts-noto-cjk
TEST_DEBS := chromium fonts-noto-cjk poppler-utils

.PHONY: site test test-fast serve pdf bench audit lint check clean help

help:
	@echo "make site   - install, then build the whole site into build/site"
	@echo "make test   - install what tests need (incl. chromium, fonts-noto-cjk, poppler-utils), run all tests"
	@echo "make test-fast - the edit loop: every test but the slow and browser ones"
	@echo "make serve  - live preview with drafts on http://127.0.0.1:8000"
	@echo "make pdf    - the PDF edition per locale into build/pdf"
	@echo "make bench  - the synthetic-corpus benchmark (build/bench/results.json)"
	@echo "make audit  - Lighthouse, axe, HTML validation and link check over build/site"

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip -c constraints.txt
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

# Install Debian packages that are missing (root, or sudo when available).
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

site: $(STAMP)
	$(call apt_install,$(SITE_DEBS))
	$(BIN)/sinoreport build

test: $(TEST_STAMP)
	$(call apt_install,$(TEST_DEBS))
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -n auto --dist loadgroup

test-fast: $(TEST_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -n auto --dist loadgroup -m "not slow and not browser"

serve: $(STAMP)
	$(BIN)/sinoreport serve

pdf: $(STAMP)
	$(call apt_install,$(SITE_DEBS))
	$(BIN)/sinoreport pdf

check: $(STAMP)
	$(BIN)/sinoreport check --strict

bench: $(STAMP)
	$(call apt_install,$(SITE_DEBS))
	$(BIN)/python -m sinoreport.dev.bench --sizes 10,100,1000

audit: $(TEST_STAMP)
	$(call apt_install,$(TEST_DEBS))
	$(BIN)/python -m sinoreport.dev.audit

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf build/site build/pdf build/bench build/audit build/.site-*
	find build/docs -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true
