"""Raw input: the event and product schema, readers and row-level rejects, source formats, adapters, the synthetic shop."""
