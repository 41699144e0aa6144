# The whole set-up on a fresh machine: `make run` serves the bot, `make test` runs every check.
# Each step runs only when its inputs changed (stamps under .venv/ and the model's own timestamp).

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa
MODEL     := models/kyodo.tar.gz
DATA      := data/nlu data/rules data/stories
TRAIN_INPUTS := config.yml domain.yml $(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null) \
                $(shell find bot/nlu bot/serving -name '*.py' 2>/dev/null)

# Quiet, 2-core friendly TensorFlow; INFO logs, no per-message debug.
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_INTRA_OP_PARALLELISM_THREADS ?= 2
export TF_INTER_OP_PARALLELISM_THREADS ?= 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export LOG_LEVEL ?= INFO
export PYTHONHASHSEED := 0

.PHONY: help setup setup-dev train run shell test validate pytest test-nlu test-stories test-e2e bench clean

help:
	@echo "make run    - set up, train when data changed, serve the bot (REST :5005, web chat, actions :5055)"
	@echo "make test   - set up, then validate data, pytest, NLU accuracy (>=90%), conversation tests"
	@echo "make shell  - talk to the bot in the terminal (actions server included)"
	@echo "make bench  - benchmark ours against a vanilla Rasa pipeline"

# --- environment -------------------------------------------------------------------------------
$(PY):
	@bash bot/tools/scripts/make_venv.sh $(VENV)

$(VENV)/.stamp-runtime: requirements.txt | $(PY)
	@echo ">>> Installing the pinned runtime requirements (first time: several minutes)..."
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

$(VENV)/.stamp-dev: requirements.txt requirements-dev.txt $(VENV)/.stamp-runtime
	@echo ">>> Installing the pinned test requirements..."
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.stamp-runtime
setup-dev: $(VENV)/.stamp-dev

# --- model -------------------------------------------------------------------------------------
$(MODEL): $(TRAIN_INPUTS) | $(VENV)/.stamp-runtime
	@echo ">>> Training the model (data, domain or config changed; about two minutes)..."
	$(RASA) train --config config.yml --domain domain.yml --data $(DATA) \
	    --out models --fixed-model-name kyodo
	@touch $@

train: $(MODEL)

# --- serving -----------------------------------------------------------------------------------
run: $(MODEL)
	@bash bot/tools/scripts/serve.sh

shell: $(MODEL)
	@bash bot/tools/scripts/serve.sh --shell

# --- tests -------------------------------------------------------------------------------------
test: setup-dev $(MODEL)
	@$(MAKE) --no-print-directory validate pytest test-nlu test-stories test-e2e

validate: setup-dev
	@echo ">>> rasa data validate"
	$(RASA) data validate --config config.yml --domain domain.yml --data $(DATA)

pytest: setup-dev
	@bash bot/tools/scripts/ensure_chromium.sh
	@echo ">>> pytest"
	$(PY) -m pytest -q tests

test-nlu: $(MODEL)
	@echo ">>> NLU test set (tests/nlu): intent and response-selection accuracy, must be >= 90%"
	@mkdir -p results
	$(RASA) test nlu --nlu tests/nlu --model $(MODEL) --out results/nlu --config config.yml > results/nlu.log 2>&1 \
	    || { tail -40 results/nlu.log; exit 1; }
	$(PY) -m bot.tools.nlu_report results/nlu --min-accuracy 0.90

test-stories: $(MODEL)
	@echo ">>> Conversation tests (tests/test_stories.yml)"
	$(RASA) test core --stories tests/test_stories.yml --model $(MODEL) --out results/core \
	    --fail-on-prediction-errors

test-e2e: $(MODEL) setup-dev
	@echo ">>> End-to-end: REST answers and the web chat page in headless Chromium, against the real servers"
	@bash bot/tools/scripts/e2e.sh

bench: $(MODEL) setup-dev
	$(PY) -m bot.bench

clean:
	rm -rf models/*.tar.gz results
