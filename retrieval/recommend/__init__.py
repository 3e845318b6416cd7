"""Product suggestions: one recommender per file on a shared interface, found by name in a registry."""
