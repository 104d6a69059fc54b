"""The job seeker's desk: applications and their one follow-up, the network, the weekly plan."""
