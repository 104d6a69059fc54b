"""Calling: logging what happened, the contact policy, the call sheet, callbacks, the guided call."""
