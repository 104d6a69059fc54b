"""Callsheet: the phone desk for recruiting."""

__version__ = "0.1.0"
