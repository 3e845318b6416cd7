"""Benchmarks of every stage on real data sets; each writes a JSON report."""
