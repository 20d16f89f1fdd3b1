"""Audit: sealed decision records, masking, the hash-chained log, verification and replay."""
