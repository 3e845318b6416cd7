"""The generative model: one chat interface with two backends (in-process, OpenAI-compatible) and the vLLM process manager."""
