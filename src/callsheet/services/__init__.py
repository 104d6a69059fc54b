"""Use cases: each takes its arguments, a unit of work and a clock, and returns a result."""
