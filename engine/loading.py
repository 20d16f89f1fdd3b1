"""Loading a rule set: from the cache when its bytes were loaded before, else read, validated
and compiled, with the cyclic collector paused. Apart from the engine (api.Engine binds what
is loaded to a durable-rules ruleset) so that a command that only reads the rules (`rules
list`, `rules show`, `docs`) gets the same rule set, cached and refused alike, without binding
it: at 1,000 rules binding costs about 35 ms, and such a command never evaluates anyone."""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager

from . import __version__
from .later import guards, later
from .pipeline import cache
from .pipeline.bundled import bundled_rules_dir
from .pipeline.durable_adapter import DURABLE_VERSION
from .pipeline.model import Compiled, RuleSet


@guards("loading a rule set")
def load_rules(directory: str | os.PathLike | None = None) -> tuple[RuleSet, Compiled]:
    """(rule set, compiled) at `directory`, the bundled rules for None; raises PathfitError
    with every problem found, sorted by location, as Engine.load does."""
    with no_gc():
        return loaded(directory)


def loaded(directory: str | os.PathLike | None) -> tuple[RuleSet, Compiled]:
    """load_rules inside a caller's no_gc(): Engine.load binds the result in the same pause."""
    path = bundled_rules_dir() if directory is None else directory if type(directory) is str and directory \
        else later.rules_path(directory)
    # with the cache off (PATHFIT_CACHE=0) its key, a hash of every rule file and a stat of
    # every engine module, would only be thrown away
    use_cache = os.path.isdir(path) and cache.cache_dir() is not None
    key = cache.key_for(path, f"{__version__}|{DURABLE_VERSION}") if use_cache else None
    hit = cache.get(key) if key else None
    if hit is not None:
        return hit
    from .pipeline.compile import compile_ruleset
    from .pipeline.ruleset import read_ruleset

    ruleset = read_ruleset(path)
    made = ruleset, compile_ruleset(ruleset)
    # kept only under the key of the bytes read: a rule file edited while it was being read
    # would otherwise be served later, from the old bytes' key, as the edited rules
    if key and cache.key_for(path, f"{__version__}|{DURABLE_VERSION}") == key:
        cache.put(key, ruleset.knowledge_base, ruleset.kb_sha256, made)
    return made


@contextmanager
def no_gc():
    """Loading allocates hundreds of thousands of small, acyclic objects; each can trigger a
    cyclic collection that walks everything else alive. Pausing the collector cut a 1,000-rule
    load by 25-50%; it runs again, as it was, right after. A loaded rule set lives as long as its
    engine, so its objects go straight to the oldest generation (gc.freeze then gc.unfreeze: two
    list splices, no walk), where two young collections walking all of them would take them
    anyway (70,000 objects at 1,000 rules, 12-116 ms). Not if the process froze objects itself
    (frozen.frozen_by_process, asked only when something is frozen): unfreezing would undo that."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
        if gc.get_freeze_count() == 0 or not later.frozen_by_process():
            gc.freeze()
            gc.unfreeze()
    finally:
        if was:
            gc.enable()

