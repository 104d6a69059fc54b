"""Search: people by our query language, and people matched to a job by fit."""
