"""Words the web desk and the API both answer with."""

#: A database that is down or takes no more connections: the request may be sent again shortly.
BUSY = "the database is not answering or is at its connection limit: try again shortly"
