"""Jobs: searches for clients and the pipelines of people in them."""
