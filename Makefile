# Two commands for a newcomer: `make run` and `make test`. Each creates .venv and installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
TOOLS := tools/node_modules/.installed

.PHONY: run test test-fast lint e2e package bench tools chromium clean venv

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Re-install when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installed-run

venv: $(VENV)/.installed-run

# Node tools (Microsoft's local Teams client, the Adaptive Cards renderer, the Teams manifest
# schemas, Azurite), installed from tools/package-lock.json into tools/node_modules.
$(TOOLS): tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tools: $(TOOLS)

# Debian's Chromium for the card renderer and end-to-end tests (never a browser download).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium (needs root or sudo)"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

run: $(VENV)/.installed-run $(TOOLS)
	$(PY) -m tools.devrun

test: $(VENV)/.installed-test $(TOOLS) chromium lint
	$(PY) -m pytest

# ruff (pyflakes, pycodestyle, isort order, bugbear) over the repository; mypy --strict over core/,
# plain mypy over bot/ (settings in pyproject.toml). Run by `make test`.
lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m mypy

# Everything except the browser and emulator suites (for quick local loops).
test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -m "not e2e and not slow"

# Only the browser and emulator suites: `make run` (tools/devrun.py) and the Teams emulator end to end.
# Screenshots of every step go to test-artifacts/e2e/<test>/.
e2e: $(VENV)/.installed-test $(TOOLS) chromium
	$(PY) -m pytest tests/e2e

package: $(VENV)/.installed-run
	$(PY) -m manifest.build

bench: $(VENV)/.installed-test
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build var test-artifacts tools/node_modules .pytest_cache
