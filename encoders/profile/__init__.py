"""Profiles: the model (facts with evidence, vectors, display), the one fact registry, the builder."""
