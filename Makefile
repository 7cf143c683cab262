# Two commands a new user needs: `make figures` (run the analysis) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# Fixed build time so PDF/SVG metadata never carries the wall clock.
export SOURCE_DATE_EPOCH := 1577836800
export PYTHONHASHSEED := 0

.PHONY: figures test lint lab html clean-venv

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" > /dev/null
	touch $(STAMP)

figures: $(STAMP)
	@for nb in $(NOTEBOOKS); do \
	  echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.kernel_name=python3 \
	    --ExecutePreprocessor.record_timing=False \
	    --ExecutePreprocessor.timeout=600 "$$nb" || exit 1; \
	  $(BIN)/python -m helpers.notebooks "$$nb"; \
	done

lint: $(STAMP)
	$(BIN)/ruff check helpers tests notebooks benchmarks
	$(BIN)/ruff format --check helpers tests benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest --doctest-modules helpers tests --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-kernel-name python3 -p no:cacheprovider

html: $(STAMP)
	$(BIN)/jupyter nbconvert --to html --output-dir build/html $(NOTEBOOKS)
	$(BIN)/python -m helpers.notebooks index build/html $(NOTEBOOKS)
	@echo "open build/html/index.html"

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

clean-venv:
	rm -rf $(VENV)
