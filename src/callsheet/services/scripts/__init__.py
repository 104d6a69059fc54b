"""Scripts: the call scripts, their fallback ladder, and the user's own versions."""
