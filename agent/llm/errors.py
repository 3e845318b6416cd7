"""The LLM wing's errors: each message is one sentence that names the URL or setting and the fix.

Kept free of heavy imports so the CLI can recognise them (and print one line instead of a traceback)
without loading LangChain or the OpenAI client.
"""

from __future__ import annotations


class LLMError(RuntimeError):
    """Base of every error the LLM wing raises on purpose; its message is meant for the user."""


class LLMConfigError(LLMError):
    """The settings do not describe a usable LLM backend (missing URL, unknown backend, model not served)."""


class LLMUnavailableError(LLMError):
    """The configured OpenAI-compatible server cannot be reached, does not answer in time, or fails."""


class VLLMNotInstalledError(LLMError):
    """``settings.vllm_python`` does not exist or has no vllm."""


class VLLMStartupError(LLMError):
    """The server process died, never became ready, or cannot bind its port."""
