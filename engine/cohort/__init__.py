"""Cohorts: CSV or JSON Lines rows evaluated in order on parallel workers."""
