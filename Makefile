# make demo | make test | make eval | make bench — see README.md
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

.PHONY: demo test eval bench venv clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
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

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --shared $(SHARED)
	$(BIN)/python scripts/bench_find.py
	$(BIN)/python scripts/bench_tm.py --shared $(SHARED)

clean:
	rm -rf $(VENV) exports/eval .pytest_cache
