"""The demo desks: an agency around Milwaukee and a job seeker's own desk."""
