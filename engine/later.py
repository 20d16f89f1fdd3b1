"""The explanation's functions, and the public API's refusals, imported where first needed.

A rule set from the cache needs neither loading's nor the explanation's modules, and
start-up time is what HR staff feel on every command: `recommend` never imports the
explanation unless asked (engine.api)."""
from __future__ import annotations

import importlib


class _Later:
    """The explanation's functions, imported on first use and kept as attributes. An
    import statement inside a function runs the import machinery on every call, about
    4,000 instructions, and explaining a person at 30 rules made five: a tenth of the
    explanation. `recommend` on a cached rule set still never imports them unless asked."""

    def __getattr__(self, name: str):
        module, _, attr = _LATER[name].rpartition(".")
        value = getattr(importlib.import_module(module, __package__), attr)
        setattr(self, name, value)
        return value


_LATER = {"missing_facts": ".explain.missing.missing_facts", "explained": ".explain.trace.explained",
          "is_settled": ".pipeline.settle.is_settled", "waiting": ".explain.waiting.waiting",
          "json_copy": ".json_copy.json_copy", "rules_path": ".refusals.rules_path",
          "not_pickled": ".refusals.not_pickled", "by_signal_handler": ".pipeline.raised.by_signal_handler"}
later = _Later()
