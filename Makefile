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
                $(shell find bot/nlu bot/serving -name '*.py' -o -name '*.yml' 2>/dev/null)

# Quiet, 2-core friendly TensorFlow; INFO logs, no per-message debug.
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_INTRA_OP_PARALLELISM_THREADS ?= 2
export TF_INTER_OP_PARALLELISM_THREADS ?= 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export LOG_LEVEL ?= INFO
export PYTHONHASHSEED := 0

.PHONY: help setup setup-dev train run shell test lint validate pytest test-nlu test-unseen test-stories test-e2e bench bench-scale bench-fuzz clean

help: ## list every target and what it does (from the note after each target line's double hash)
	@awk '/^[A-Za-z0-9_.-]+:.*## / {printf "  make %-13s %s\n", substr($$0, 1, index($$0, ":") - 1), substr($$0, index($$0, "## ") + 3)}' \
	    $(MAKEFILE_LIST)

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

setup: $(VENV)/.stamp-runtime ## create .venv and install the pinned runtime requirements
setup-dev: $(VENV)/.stamp-dev ## setup, plus the pinned test, lint and type-check tools (requirements-dev.txt)

# --- model -------------------------------------------------------------------------------------
$(MODEL): $(TRAIN_INPUTS) | $(VENV)/.stamp-runtime
	@echo ">>> Training the model (data, domain or config changed; about two minutes)..."
	$(RASA) train --config config.yml --domain domain.yml --data $(DATA) \
	    --out models --fixed-model-name kyodo
	@touch $@

train: $(MODEL) ## train models/kyodo.tar.gz when the data, domain, config or pipeline code changed

# --- serving -----------------------------------------------------------------------------------
run: $(MODEL) ## set up, train when data changed, serve the bot (REST :5005, web chat, actions :5055)
	@bash bot/tools/scripts/serve.sh

shell: $(MODEL) ## talk to the bot in the terminal (actions server included)
	@bash bot/tools/scripts/serve.sh --shell

# --- tests -------------------------------------------------------------------------------------
test: setup-dev $(MODEL) ## every check: lint, validate data, pytest, NLU accuracy (>=90%), conversations, end-to-end
	@$(MAKE) --no-print-directory lint validate pytest test-nlu test-unseen test-stories test-e2e

lint: setup-dev ## ruff check, ruff format --check and mypy (settings in pyproject.toml)
	@echo ">>> ruff check, ruff format --check, mypy"
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

validate: setup-dev ## rasa data validate (config, domain, NLU data, rules, stories)
	@echo ">>> rasa data validate"
	$(RASA) data validate --config config.yml --domain domain.yml --data $(DATA)

pytest: setup-dev ## the pytest suite under tests/ (browser tests in headless Chromium, axe-core audits, included)
	@bash bot/tools/scripts/ensure_chromium.sh
	@bash bot/tools/scripts/ensure_axe.sh
	@echo ">>> pytest"
	$(PY) -m pytest -q tests

test-nlu: $(MODEL) ## NLU test set (tests/nlu): accuracy >= 90%; the Japanese examples: intent >= 98%, answers >= 95%
	@echo ">>> NLU test set (tests/nlu): accuracy >= 90%; the Japanese examples: intent >= 98%, answers >= 95%"
	@mkdir -p results
	$(RASA) test nlu --nlu tests/nlu --model $(MODEL) --out results/nlu --config config.yml > results/nlu.log 2>&1 \
	    || { tail -40 results/nlu.log; exit 1; }
	$(PY) -m bot.tools.nlu_report results/nlu --min-accuracy 0.90 --nlu tests/nlu --min-japanese-intent 0.98 \
	    --min-japanese-answer 0.95

test-unseen: $(MODEL) setup-dev ## unseen sets (tests/nlu_unseen): per-kind accuracy; fails below the floors reached (floors.yml)
	@echo ">>> Unseen sets (tests/nlu_unseen): accuracy per kind; goals 97% overall, 93% each; fails below tests/nlu_unseen/floors.yml"
	@mkdir -p results
	$(PY) -m bot.tools.unseen --model $(MODEL) --out results/unseen.json --misses --floors tests/nlu_unseen/floors.yml

test-stories: $(MODEL) ## conversation tests (tests/stories/), failing on any wrong prediction
	@echo ">>> Conversation tests (tests/stories/)"
	$(RASA) test core --stories tests/stories --model $(MODEL) --out results/core \
	    --fail-on-prediction-errors

test-e2e: $(MODEL) setup-dev ## REST answers and the web chat page in Chromium, against the real servers
	@echo ">>> End-to-end: REST answers and the web chat page in headless Chromium, against the real servers"
	@bash bot/tools/scripts/e2e.sh

bench: $(MODEL) setup-dev ## benchmark ours against a vanilla Rasa pipeline, then the production figures (bench-scale)
	$(PY) -m bot.bench
	$(PY) -m bot.bench.scale

bench-scale: setup ## on the trained model: turn cost over 300 turns (SQLite), 1 vs 2 Sanic workers (PostgreSQL+Redis), RSS
	$(PY) -m bot.bench.scale

bench-fuzz: $(MODEL) setup ## the fuzz table (bot/bench/fuzz_table.py) against the real servers: statuses, empty answers, p95
	$(PY) -m bot.bench.fuzz

clean: ## remove the trained models and results/
	rm -rf models/*.tar.gz results
