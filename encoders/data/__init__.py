"""Raw input: the event and product schema, readers with row-level rejects, source formats, adapters, the synthetic shop."""
