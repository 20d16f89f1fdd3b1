"""`pathfit lint`: the engine's own stages plus static checks over a rule set."""
