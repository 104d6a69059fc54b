"""Numbers: do-not-call lists brought in from outside."""
