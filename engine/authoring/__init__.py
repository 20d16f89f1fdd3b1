"""Authoring: lint, rule tests, JSON Schemas, the rule catalogue and change impact."""
