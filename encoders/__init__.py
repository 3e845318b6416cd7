"""Everything that turns raw input into facts and vectors: settings, embeddings, data, the intent head, profiles."""
