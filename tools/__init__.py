"""Maintenance scripts (run from the checkout: `python -m tools.NAME`)."""
