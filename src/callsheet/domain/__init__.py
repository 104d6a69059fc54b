"""The domain: people, jobs, outcomes and the contact policy. Standard library only."""
