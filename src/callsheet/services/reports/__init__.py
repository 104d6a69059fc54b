"""Reports: the client's job report, share links, analytics and charts, the win column."""
