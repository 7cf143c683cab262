# Two commands a new user needs: `make figures` (run the analysis) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# Fixed build time so PDF/SVG metadata never carries the wall clock.
export SOURCE_DATE_EPOCH := 1577836800
export PYTHONHASHSEED := 0
# Same bytes on every machine: numpy's and OpenBLAS's fastest code depends on the CPU and rounds
# the last bit differently (np.log10 under AVX-512 moves log-axis points in the keyness PNGs; the
# BLAS kernel moves the Kamada-Kawai network), so both run one fixed x86-64 code path on one
# thread. FREETYPE_PROPERTIES would change how every glyph is hinted.
ifeq ($(shell uname -m),x86_64)
export NPY_ENABLE_CPU_FEATURES := X86_V2
export OPENBLAS_CORETYPE := Nehalem
endif
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
unexport FREETYPE_PROPERTIES
# `make test` runs every notebook into here, then compares with the committed figures and tables.
CHECK := build/check

.PHONY: figures test lint lab book html binder lock clean-venv

# The lock pins the helpers' dependencies plus the extras `dev` (tests, notebooks) and `scale`
# (Dask, for helpers/scale.py past one machine); installing the lock installs all three.
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
	rm -rf $(CHECK)
	MULTIVECTOR_FIGURES_DIR=$(CURDIR)/$(CHECK)/figures MULTIVECTOR_TABLES_DIR=$(CURDIR)/$(CHECK)/tables \
	  $(BIN)/python -m pytest --doctest-modules helpers tests --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-kernel-name python3 -p no:cacheprovider -rs
	$(BIN)/python -m helpers.check $(CHECK)

# The book: the executed notebooks (as committed: run `make figures` first to refresh them) as
# a static site with the figures and the tables' data dictionary; no CDN, opens from file://.
BOOK := build/book
book: $(STAMP)
	rm -rf $(BOOK)
	$(BIN)/python -m helpers.notebooks book $(BOOK) $(NOTEBOOKS)
	@echo "open $(BOOK)/index.html (works offline, from file://)"

html: book

# Binder (repo2docker) installs binder/requirements.txt: the lock, copied.
binder: requirements.lock
	cp requirements.lock binder/requirements.txt

# Re-pin after editing pyproject.toml's dependencies (then `make binder`).
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra scale --python-version 3.11 \
	  --generate-hashes --no-emit-index-url -o requirements.lock

# JupyterLab on the project's environment. PORT= and TOKEN= choose the port and the token (a
# random token by default); IP=0.0.0.0 serves beyond this machine (a container). As root (a
# container, CI) Jupyter refuses to start without --allow-root, so it is added for uid 0 only.
PORT ?= 8888
IP ?= 127.0.0.1
TOKEN ?=
lab: $(STAMP)
	@token='$(TOKEN)'; [ -n "$$token" ] || token=$$($(BIN)/python -c "import secrets; print(secrets.token_hex(24))"); \
	root=""; [ "$$(id -u)" = 0 ] && root="--allow-root"; \
	host='$(IP)'; [ "$$host" = 0.0.0.0 ] && host=127.0.0.1; \
	echo "JupyterLab: open http://$$host:$(PORT)/lab?token=$$token (Ctrl-C stops it)"; \
	exec $(BIN)/jupyter lab --notebook-dir=notebooks --no-browser --ip='$(IP)' --port=$(PORT) \
	  --ServerApp.port_retries=0 --IdentityProvider.token="$$token" $$root

clean-venv:
	rm -rf $(VENV)
