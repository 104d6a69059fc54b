"""What the web desk and the JSON API share: the desk a request works on, its unit of work and clock,
who is asking (session cookie or API token). callsheet/server.py builds the one app that serves both."""
