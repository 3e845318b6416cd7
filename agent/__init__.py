"""The generative side: LLM backends and serving, tools, the assistant, the claim checker, summaries and the batch job."""
