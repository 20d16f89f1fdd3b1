"""The benchmark's targets, each read off one run's results and compared with its limit.

A run's figures are ratios measured together (bench/run.py); which of them the README holds
to a limit, and which way, is said here once, so a run ends by saying what it met and the
README's table is read off runs rather than worked out by hand. A target whose figure the run
did not measure (CLIPS or durable-rules' own build not installed, say) is left out, never
counted as met."""
from __future__ import annotations

from typing import NamedTuple


class Target(NamedTuple):
    name: str
    path: tuple  # keys into a run's results
    limit: float
    at_most: bool  # the figure must be <= limit (else >= limit)
    row: str  # how the README's row for it begins
    unit: str = "x"  # how the README writes the limit: "x", " s", "" (a bare ratio), "%", "within %", or "count"

    def written(self) -> str:
        """The limit as the README's row writes it (a count of people in words)."""
        sign = "<=" if self.at_most else ">="
        if self.unit == "%":
            return f"{sign} {self.limit * 100:g}%"
        if self.unit == "within %":
            return f"within {round((self.limit - 1) * 100):g}%"
        if self.unit == "count":
            return "every person agreeing" if self.limit == 0 else f"at most {self.limit:g} disagreeing"
        return f"{sign} {self.limit:g}{self.unit}"


TARGETS = (
    Target("decision only / the floor, 30 rules", ("per_profile_30", "ratio_pathfit_to_floor"), 1.05, True,
           "decision only / the floor"),
    Target("decision only / the floor, 1,000 rules", ("per_profile_1000", "ratio_pathfit_to_floor"), 1.05, True,
           "decision only / the floor"),
    Target("batch --jobs 1 / CLIPS, 30 rules", ("batch_30", "plain_to_clips"), 0.3, False,
           "`batch --jobs 1` against CLIPS"),
    Target("batch --jobs 1 / CLIPS, 1,000 rules", ("batch_1000", "plain_to_clips"), 0.2, False,
           "`batch --jobs 1` against CLIPS"),
    Target("audited batch / plain batch, 30 rules", ("batch_30", "audited_to_plain"), 0.5, False,
           "audited batch / plain batch", ""),
    Target("audited batch / plain batch, 1,000 rules", ("batch_1000", "audited_to_plain"), 0.5, False,
           "audited batch / plain batch", ""),
    Target("explanation added to the decision, bundled rules", ("per_profile_bundled", "explanation_adds"), 0.3, True,
           "explanation added to the decision", "%"),
    Target("explanation added to the decision, 30 rules", ("per_profile_30", "explanation_adds"), 0.3, True,
           "explanation added to the decision", "%"),
    Target("explanation added to the decision, 300 rules", ("per_profile_300", "explanation_adds"), 0.3, True,
           "explanation added to the decision", "%"),
    Target("explanation added to the decision, 1,000 rules", ("per_profile_1000", "explanation_adds"), 0.3, True,
           "explanation added to the decision", "%"),
    Target("cold load of 1,000 rules, seconds", ("load_1000", "cold_load_seconds_median"), 0.3, True,
           "cold load of a 1,000-rule base", " s"),
    Target("recommend start-up / the bare imports", ("startup", "ratio"), 1.15, True,
           "`pathfit recommend --profile ...` start-up"),
    Target("batch --jobs 2 / --jobs 1", ("jobs", "speedup"), 1.7, False, "`batch --jobs 2` / `--jobs 1`"),
    Target("peak memory, 200,000 / 10,000 profiles", ("memory", "ratio"), 1.1, True,
           "peak memory of `pathfit batch`", "within %"),
    # 3,000 rules load and run: every person decided as the floor and CLIPS decide
    Target("3,000 rules, people disagreeing with the floor", ("per_profile_3000", "profiles_disagreeing_with_floor"),
           0, True, "3,000 rules load and run", "count"),
    Target("3,000 rules, people disagreeing with CLIPS", ("per_profile_3000", "profiles_disagreeing_with_clips"),
           0, True, "3,000 rules load and run", "count"),
)


def figure(results: dict, path: tuple):
    """The figure at `path`, or None where the run did not measure it."""
    value = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def met(target: Target, value: float) -> bool:
    """Whether `value`, as the run rounded it, is within the target's limit; the limit itself is met."""
    return value <= target.limit if target.at_most else value >= target.limit


def report(results: dict) -> list[dict]:
    """[{target, figure, limit, met}] for every target the run measured, in TARGETS' order."""
    out = []
    for t in TARGETS:
        value = figure(results, t.path)
        if value is not None:
            out.append({"target": t.name, "figure": value, "limit": f"{'<=' if t.at_most else '>='} {t.limit}",
                        "met": met(t, value)})
    return out
