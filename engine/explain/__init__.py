"""Explanation of a decision: how (the derivation), why not, what if, and the interview."""
