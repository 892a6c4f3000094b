# `make run` builds the seed graph into outputs/; `make test` runs the whole suite.
# Both create .venv on first use and reinstall when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test system-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds -o outputs

# Headless Chromium for the browser tests and Virtuoso for the store tests (Debian's
# packages; need root, as on CI, where the tests fail rather than skip without them).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "not root, so not installed:$$missing; the tests that need them will be skipped"; fi; \
	fi

test: $(STAMP) system-deps
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) outputs/*.jsonl outputs/*.ttl outputs/*.html outputs/*.md
