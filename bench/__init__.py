"""Benchmarks: printed figures beside the raw engine in the same run, never asserted in tests."""
