"""Accounts: users, roles, API tokens, who is acting, and the desk's backups."""
