"""The engine's public face: load a rule set once, evaluate many people.

    rules = Engine.load("rules/")        # load -> validate -> compile
    decision = rules.evaluate({"goal_clarity": "specific", ...})   # run -> decide -> explain
    rules.close()                        # or `with Engine.load(...) as rules:`
"""
from __future__ import annotations

import gc
import math
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .pipeline import cache
from .pipeline.bundled import bundled_rules_dir
from .pipeline.durable_adapter import DURABLE_VERSION
from .pipeline.decide import decide, decided
from .pipeline.figures import JSON_PLACES, float_at, ratio_text, rounded_units
from .pipeline.model import Compiled, RuleSet
from .pipeline.policy import label, ranking, referral_label
from .pipeline.profile import check_profile
from .pipeline.run import Runner, closed_error
from .later import guards, later

if TYPE_CHECKING:
    from collections.abc import Mapping


class Decision:
    """One person's decision. The firing trace is recorded while durable-rules
    runs; the explanation (why each other rule did not fire) is derived from it on
    first use of `trace`, so a batch that needs only the outcome does not pay for it.
    `missing` and `settled` need of it only the rules that wait and the unknown facts
    they wait on (explain/waiting.py), worked out alone when either is asked first.
    Either way the values are the same."""

    def __init__(self, engine: "Engine", result, verdict, facts: dict, tallied):
        self.outcome: str = verdict.outcome
        self.label: str = label(engine.ruleset.policy, verdict.outcome)  # the policy's words for it
        # the exact figure rounded to JSON_PLACES (as `rounded` rounds it)
        self.confidence: float = float_at(verdict.confidence_ratio, JSON_PLACES)
        self.referral: str | None = verdict.referral
        # where the referral sends the person, in the policy's words (null without a referral)
        self.referral_label: str | None = verdict.referral and referral_label(engine.ruleset.policy, verdict.referral)
        self.formats: tuple[str, ...] = verdict.formats
        self.fired: tuple[str, ...] = tuple(result.fired)  # rule ids in firing order
        self._shares: tuple | None = None  # (baseline, contributions), rounded on first use
        self._facts = facts  # the known input facts, canonical: the trace's; `facts` hands out copies
        self.verdict = verdict  # the exact arithmetic behind the figures
        self._tally = tallied  # the firings' tally the verdict was decided from (decide.decided)
        self._engine, self._result = engine, result
        self._trace: dict | None = None
        self._missing: tuple | None = None
        self._settled: bool | None = None
        self._pending: tuple | None = None  # the waiting rules' statuses, when asked (`_waiting`)

    @property
    def contributions(self) -> tuple[tuple[str, float], ...]:
        """((rule id, contribution), ...) by rule id, rounded so they add up to `confidence`.
        Rounded on first use: a batch reports the confidence, not its shares."""
        return self._rounded()[1]

    def _rounded(self) -> tuple:
        if self._shares is None:
            _, baseline, shares = rounded_units(self.verdict, JSON_PLACES)
            scale = 10 ** JSON_PLACES  # n / scale: the float nearest the decimal, as float(Decimal) gives it
            self._shares = (baseline / scale, tuple((r, n / scale) for r, n in shares))
        return self._shares

    @property
    def ranking(self) -> list[dict]:
        """[{outcome, label, score, exact}]: every evidence outcome, strongest first (ties in
        the policy's evidence_outcomes order); `score` at JSON_PLACES, `exact` the exact
        rational as text ("5/7")."""
        policy = self._engine.ruleset.policy
        scores = dict(self.verdict.score_ratios)
        unit = math.lcm(*(d for _, d in scores.values()))  # ordered as whole numbers of 1/unit: exactly
        ordered = ranking(policy, {o: n * (unit // d) for o, (n, d) in scores.items()})
        return [{"outcome": o, "label": label(policy, o), "score": float_at(scores[o], JSON_PLACES),
                 "exact": ratio_text(scores[o])} for o, _ in ordered]

    def __copy__(self) -> Decision:
        """A decision of its own over the same run (copy.copy and copy.deepcopy alike), its
        trace worked out again when read: changing one copy's trace changes nothing of another's."""
        return Decision(self._engine, self._result, self.verdict, dict(self._facts), self._tally)

    def __deepcopy__(self, memo: dict) -> Decision:
        return self.__copy__()

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        raise later.not_pickled("a Decision cannot be pickled", "pickle its to_dict() instead")

    def __repr__(self) -> str:
        return f"Decision(outcome={self.outcome!r}, confidence={self.confidence}, fired={len(self.fired)} rules)"

    @property
    def facts(self) -> dict:
        """The known input facts as the engine saw them (sets as sorted tuples), a copy: the caller's to
        change (`evaluate(d.facts | {...})`); the decision's own, which its trace reads, stay as decided."""
        return dict(self._facts)

    @property
    @guards("explaining a decision")
    def missing(self) -> tuple[str, ...]:
        """Unknown input facts whose answers might change the outcome (pathfit could not rule it
        out), most relevant first (docs/decision.md says which: explain/missing.py works them out).
        Computed alone when asked first: the interview ranks its questions by the missing
        facts of hundreds of trial decisions, and needs neither their trace nor settledness."""
        if self._missing is None:
            # with no rule unknown to the cross-check none waits, though a test of being known can turn
            self._missing = self._engine._missing(self._result, *self._waiting()) if self._result.waiting \
                else self._engine._missing(self._result, {}, [], None)
        return self._missing

    @property
    @guards("explaining a decision")
    def waiting(self) -> tuple:
        """The rules that wait on an unknown fact (neither fired nor failed), in rule order: the
        rules `settled` and `missing` are decided over, found without explaining the decision."""
        return tuple(self._waiting()[1]) if self._result.waiting else ()

    @property
    @guards("explaining a decision")
    def trace(self) -> dict:
        """The decision's own trace (docs/decision.md), built on first use and kept: read it,
        never change it (`to_dict()` gives a copy to change). Not copied here: reading it is
        how a person is explained (what the benchmark times), and a copy would add to every read."""
        return self._explained()[0]

    @property
    @guards("explaining a decision")
    def settled(self) -> bool:
        """True only when no answers to the unknown input facts could change the
        outcome or the referral (engine/pipeline/settle.py); else the advice is provisional."""
        if self._settled is None:
            # no rule waits (the cross-check's finding): nothing is pending
            _, pending, t = self._waiting() if self._result.waiting else (None, [], None)
            self._settled = later.is_settled(self._engine.ruleset, self._result, pending, t)
        return bool(self._settled)

    def verdict_with(self, rules) -> object:
        """The exact arithmetic (a Verdict) had `rules` fired too, their evidence and conclusions
        added to what fired: how the figures would stand if some waiting rules fired."""
        from .pipeline.firings import Firing

        extra = [Firing(0, r.id, (), (), r.then.evidence, (), r.then.refer, r.then.not_now) for r in rules]
        return decide(self._engine.ruleset.policy, [*self._result.firings, *extra])

    def _waiting(self) -> tuple[dict, list, object]:
        """(status, rules) of the rules that wait (explain/waiting.py) and the firings' tally
        when any does, shared by `missing` and `settled`: neither needs the explanation."""
        if self._pending is None:
            status, pending = later.waiting(self._engine.ruleset, self._result)
            self._pending = (status, pending, self._tally if pending else None)
        return self._pending

    def _explained(self) -> tuple[dict, tuple]:
        if self._trace is None:
            known = (self._missing, self._settled, self._tally)  # either worked out already is kept, not again
            told = later.explained(self._engine, self._result, self.verdict, self._facts, known)
            # the first explanation kept wins: threads reading one decision at once may each
            # explain it, and every one of them then reads the same trace
            self._trace, self._missing, self._settled = self.__dict__.setdefault("_told", told)
        return self._trace, self._missing

    @guards("explaining a decision")
    def to_dict(self) -> dict:
        """The stable JSON form (documented in docs/decision.md), the caller's own: every part
        is made for this call, the trace copied (json_copy), so changing it changes nothing
        of the decision's, its later `to_dict()`, `trace` or a record made from it."""
        body = self._own_dict()
        body["trace"] = later.json_copy(body["trace"])
        return body

    def _own_dict(self) -> dict:
        """`to_dict()` holding the decision's own trace, not a copy: for the engine's writers
        alone (the audit record, the service's answers and page), which read it and never
        change it, so they do not pay for a copy they do not need."""
        return {
            "recommendation": self.outcome,
            "label": self.label,
            "confidence": self.confidence,
            "settled": self.settled,
            "referral": self.referral,
            "referral_label": self.referral_label,
            "formats": list(self.formats),
            "fired": list(self.fired),
            "missing": list(self.missing),
            "contributions": [{"rule": r, "contribution": c} for r, c in self.contributions],
            "ranking": self.ranking,
            "facts": {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(self._facts.items())},
            "trace": self.trace,
        }


@guards("loading a rule set")
def load_rules(directory: str | os.PathLike | None = None) -> tuple[RuleSet, Compiled]:
    """(rule set, compiled) at `directory` (the bundled rules for None), refused as Engine.load
    refuses it, not bound to durable-rules: a command that only reads the rules (`rules list`,
    `rules show`, `docs`) never pays the binding, about 35 ms at 1,000 rules."""
    path = bundled_rules_dir() if directory is None else directory if type(directory) is str and directory \
        else later.rules_path(directory)
    # with the cache off (PATHFIT_CACHE=0) its key (every rule file hashed) would be thrown away
    use_cache = os.path.isdir(path) and cache.cache_dir() is not None
    key = cache.key_for(path, f"{__version__}|{DURABLE_VERSION}") if use_cache else None
    with no_gc():
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
    """Loading makes hundreds of thousands of small, acyclic objects, each a chance of a cyclic
    collection walking everything alive: a pause cut a 1,000-rule load by 25-50%. A loaded rule set
    lives as long as its engine, so its objects go straight to the oldest generation (gc.freeze then
    gc.unfreeze: no walk), unless the process froze objects itself (frozen.frozen_by_process),
    which unfreezing would undo. Nested, the inner pause leaves the collector off for the outer."""
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


class Engine:
    """A validated, compiled rule set bound to a durable-rules ruleset."""

    def __init__(self, ruleset: RuleSet, compiled=None):
        if compiled is None:
            from .pipeline.compile import compile_ruleset

            compiled = compile_ruleset(ruleset)
        self.ruleset = ruleset
        self.compiled = compiled
        self._runner = Runner(self.compiled)

    @classmethod
    @guards("loading a rule set")
    def load(cls, directory: str | os.PathLike | None = None) -> "Engine":
        """Raises PathfitError with every problem found, sorted by location.
        A rule set loaded before from the same bytes comes from the cache."""
        with no_gc():  # the durable-rules ruleset bound in the same pause as the rules are loaded
            return cls(*load_rules(directory))

    def close(self) -> None:
        """Free durable-rules' copy of the rule set now rather than when the engine is collected.
        Safe from another thread: it waits for an evaluation under way. Decisions made before
        stay whole; evaluate and check after it are PF506."""
        self._runner.close()

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        """Pickling and copying (copy.copy, copy.deepcopy) alike: a copy would share, and close, this
        engine's durable-rules ruleset."""
        raise later.not_pickled("an Engine cannot be pickled or copied",
                                "load the rule set again where it is needed (Engine.load)")

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @guards("checking a person's facts")
    def check(self, profile: Mapping[str, object], label: str = "<profile>") -> dict:
        """Validate raw facts (PathfitError on bad input) -> canonical known facts; any mapping, read once."""
        if self._runner.closed:
            raise closed_error()
        if not isinstance(profile, dict):
            import collections.abc  # only here: a dict, the common case, costs no import
            profile = dict(profile) if isinstance(profile, collections.abc.Mapping) else profile
        return check_profile(self.ruleset, profile, label)

    @guards("deciding a person")
    def evaluate(self, profile: Mapping[str, object], label: str = "<profile>") -> Decision:
        facts = self.check(profile, label)
        result = self._runner.run(facts)
        verdict, tallied = decided(self.ruleset.policy, result.firings)
        return Decision(self, result, verdict, facts, tallied)

    def _missing(self, result, status: dict, pending: list, t) -> tuple:
        return tuple(later.missing_facts(self.ruleset, result, status, t, pending))
