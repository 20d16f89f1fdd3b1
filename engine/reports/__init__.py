"""Reports: a decision record as an offline HTML page with its derivation graph."""
