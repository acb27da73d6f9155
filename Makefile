# brinkwatch: the two commands on the README's first screen, and the developer chores.
# Every target makes its own virtual environment (.venv) and installs what it needs.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
DB     ?= brinkwatch.db

.PHONY: demo test lint typecheck eval-dev golden bench reliability clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,all]'
	touch $(STAMP)

## demo: code the bundled example corpus into SQLite (out/demo.db) and print what was found
demo: $(STAMP)
	@mkdir -p out
	$(BIN)/brinkwatch ingest examples/corpus/md --db out/demo.db
	@echo; echo "Country pairs by weighted conflict:"
	$(BIN)/brinkwatch top-dyads --db out/demo.db --limit 5
	@echo; echo "Alerts:"
	$(BIN)/brinkwatch alerts --db out/demo.db
	$(BIN)/brinkwatch export --db out/demo.db --format gdelt -o out/demo-events.gdelt.tsv
	@echo; echo "Stored in out/demo.db; GDELT 2.0 export in out/demo-events.gdelt.tsv"
	@echo; echo "See it in your browser: run  brinkwatch serve --db out/demo.db  (with $(BIN)/ on your PATH,"
	@echo "or $(BIN)/brinkwatch), then open http://127.0.0.1:8000/"

## test: lint, type-check and run the whole test suite (with the accuracy gate)
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples scripts
	$(BIN)/ruff format --check src tests benchmarks examples scripts

typecheck: $(STAMP)
	$(BIN)/mypy

## reliability: 10,000 bad inputs, linear-time benchmark, 50 kill -9 trials (and PostgreSQL where
## BRINKWATCH_TEST_PG_URL names a throw-away database), server load test; writes docs/reliability.md
REL := out/reliability
reliability: $(STAMP)
	@rm -rf $(REL) && mkdir -p $(REL)
	$(BIN)/python benchmarks/badinputs.py $(REL)/corpus --cases 10000
	-$(BIN)/python benchmarks/badinputs_run.py $(REL)/corpus --json $(REL)/badinputs.json
	$(BIN)/python benchmarks/linear.py --json $(REL)/linear.json
	-$(BIN)/python scripts/kill_trials.py --trials 50 --json $(REL)/trials.json
	$(BIN)/python benchmarks/load_test.py --json $(REL)/load.json
	$(BIN)/python scripts/reliability_report.py $(REL) docs/reliability.md
	@rm -rf $(REL)/corpus

## eval-dev: score the ../shared/dev sets and refresh docs/evaluation.md (skipped when absent)
eval-dev: $(STAMP)
	@if [ -d ../shared/dev ]; then \
		$(BIN)/python scripts/eval_dev.py --dev ../shared/dev; \
	else \
		echo "eval-dev: ../shared/dev not found (a fresh clone has none); skipped"; \
	fi

## golden: rewrite the golden files after a deliberate change in output (review the diff!)
golden: $(STAMP)
	BRINKWATCH_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

## bench: throughput of nlp.pipe alone vs. the full coding path
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --articles 200

clean:
	rm -rf $(VENV) out build .pytest_cache .mypy_cache .ruff_cache
