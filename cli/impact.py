"""`pathfit impact`: run a corpus under two rule-set versions; report what changed."""
from __future__ import annotations

import json
from collections import Counter

import click

from pathfit.engine.errors import PathfitError, counted
from pathfit.engine.pipeline.figures import TEXT_PLACES, places_text, ratio_text
from pathfit.engine.quote import shown_path

from .common import echo, fail_with, load_engine, rules_option
from .params import Choice, Command, FilePath


@click.command(cls=Command)
@click.option("--base", required=True, type=FilePath(file_okay=False, checked=False),
              help="The rule set before the change (e.g. a checkout of the last release).")
@rules_option
@click.option("--profiles", "profiles", required=True, type=FilePath(dir_okay=False, checked=False),
              help="Corpus of profiles: CSV or JSON Lines (by extension, or --input-format).")
@click.option("--input-format", type=Choice(["csv", "jsonl"]), default=None,
              help="Corpus format [default: .jsonl/.ndjson/.json are JSON Lines, else CSV].")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True,
              help="Also list profiles whose confidence, provisional advice, fired rules or formats changed but "
                   "whose decision did not (JSON always lists them).")
@click.option("--fail-on-change", is_flag=True, help="Exit 1 when any profile's decision changed (for CI).")
def impact(base: str, rules: str | None, profiles: str, input_format: str | None, fmt: str, show_all: bool,
           fail_on_change: bool) -> None:
    """Evaluate every profile under the --base rule set and the new one (--rules, else
    $PATHFIT_RULES, else ./rules, else the bundled rules); report each profile whose decision (outcome and
    referral) changed, from what to what, and which rules' firing changed, with
    outcome counts before and after; and how many profiles kept their decision with
    another confidence, provisional advice, fired rules or formats (--all lists them).

    CSV: a header of fact names plus optional `id` and `subject` columns (whom
    the row is about: checked as `batch` checks it, and printed nowhere: rows are
    named by number and id, as `batch` names them); an empty cell is unknown; a
    set is one quoted cell separated by `;` or `,`; a UTF-8 BOM is fine.

    \b
    Examples:
      pathfit impact --base ../release/rules --rules rules --profiles examples/corpus.jsonl
      pathfit impact --base old/ --rules new/ --profiles cohort.csv --format json
    """
    from pathfit.engine.authoring.impact import compare

    with load_engine(base, announce=False) as before, load_engine(rules, announce=fmt == "text") as after:
        try:
            report = compare(before, after, profiles, input_format)
        except PathfitError as err:
            from .problems import with_examples_hint

            fail_with(with_examples_hint(err, profiles))
        rule_changes = report.rule_changes(before.ruleset.rules, after.ruleset.rules)
    changed = [row for row in report.rows if row.decision_changed]
    if fmt == "json":
        echo(json.dumps(_json(report, rule_changes), indent=2, sort_keys=True))
    else:
        _text(report, rule_changes, show_all)
    raise SystemExit(1 if fail_on_change and changed else 0)


def _text(report, rule_changes: list, show_all: bool) -> None:
    rows = report.rows
    changed = [r for r in rows if r.decision_changed]
    quiet = [r for r in rows if r.changed and not r.decision_changed]
    echo(f"Impact of {shown_path(report.rules)} (new) against {shown_path(report.base)} (base) on "
         f"{counted(len(rows), 'profile')} from {shown_path(report.profiles)}")
    echo("")
    echo(f"Decision changed for {len(changed)} of {counted(len(rows), 'profile')}" + (":" if changed else "."))
    for row in changed:
        _row(row)
    if quiet:
        echo("")
        kinds = _quiet_kinds(quiet)
        if show_all:
            echo(f"Decision unchanged, for {counted(len(quiet), 'profile')}: {kinds}:")
            for row in quiet:
                _row(row)
        else:
            echo(f"Decision unchanged, for {counted(len(quiet), 'profile')}: {kinds} (--all lists them).")
    echo("")
    _table("decision", [(label, b, a) for label, b, a in report.counts()], total=len(rows))
    if rule_changes:
        echo("")
        echo(f"Rules changed between the versions, or firing differently ({_counted_over(report)}):")
        _table("rule", [(c["rule"] + ("" if c["status"] == "unchanged" else f" ({c['status']})"), c["before"],
                         c["after"]) for c in rule_changes])


def _row(row) -> None:
    # named as `batch` names it, its id shown as one line (a line break in corpus text would start a
    # line that reads as the report's)
    echo(f"  {row.name} (line {row.line}): {row.before.label} -> "
         f"{row.after.label}")
    # every problem of a side not decided, as `batch` names a row's, with its version: a row can
    # have problems under both, and the two sides' lines read alike
    for name, side in (("base", row.before), ("new", row.after)):
        for problem in side.problems:
            echo(f"    {problem.format()} (under the {name} rule set)")
    if row.now_fired:
        echo(f"    now fires: {', '.join(row.now_fired)}")
    if row.no_longer_fired:
        echo(f"    no longer fires: {', '.join(row.no_longer_fired)}")
    if row.formats_changed is not None:
        order_only = " (order only)" if row.formats_changed == "order" else ""
        echo(f"    formats: {', '.join(row.before.formats) or 'none'} -> {', '.join(row.after.formats) or 'none'}"
             f"{order_only}")
    if row.confidence_changed or row.settled_changed:
        echo(f"    confidence: {_figures(row.before, row.after)}")


def _figures(before, after) -> str:
    """Both confidences as `recommend` prints each decision's: from the exact value at two places,
    with as many more as it takes for a change not to print as none (0.833 -> 0.834), as the
    ranking tells neighbours apart; provisional advice with no figure, as every view of it (the
    JSON carries the figures), and where both sides are provisional, that the exact value moved (the
    four-place `confidence` may not have), so that the line never reads as a change to the same
    words. Why not the JSON figure: 0.6667 is not 2/3, and not what `recommend` prints of the same
    decision."""
    if not (before.settled or after.settled):  # listed because the exact value moved: say so, not "X -> X"
        return "none given (provisional) before or after; its exact value (--format json's confidence_exact) moved"
    places = TEXT_PLACES
    if before.settled and after.settled and before.exact != after.exact:
        while places_text(before.exact, places) == places_text(after.exact, places):
            places += 1  # two different rationals differ at some place
    return " -> ".join(places_text(s.exact, places) if s.settled else "none given (provisional)"
                       for s in (before, after))


def _quiet_kinds(rows: list) -> str:
    """What changed in profiles whose decision did not, each kind with how many profiles."""
    kinds = (("confidence changed", sum(1 for r in rows if r.confidence_changed)),
             ("provisional or settled in turn", sum(1 for r in rows if r.settled_changed)),
             ("fired rules changed", sum(1 for r in rows if r.now_fired or r.no_longer_fired)),
             ("formats changed", sum(1 for r in rows if r.formats_changed is not None)),
             ("refused for another reason", sum(1 for r in rows if r.refusal_changed)))
    return ", ".join(f"{what} for {n}" for what, n in kinds if n)


def _counted_over(report) -> str:
    """What the firing counts are over: the profiles both versions decided, and each profile left
    out counted once, with what each version did with it (refused under the base and invalid
    under the new is one profile, not one of each)."""
    decided = report.decided()
    if decided == len(report.rows):
        return "firings over the corpus"
    why = Counter((_undecided(r.before), _undecided(r.after)) for r in report.rows if not r.decided)
    left = [f"{why[k]} {_said(*k)}" for k in sorted(why, key=lambda k: (None not in k, k[0] is None, k[0] or "",
                                                                         k[1] or ""))]
    return f"firings over the {counted(decided, 'profile')} both versions decided; not counted: {', '.join(left)}"


def _undecided(side) -> str | None:
    return None if side.error is None else "refused" if side.refused else "invalid"


def _said(base: str | None, new: str | None) -> str:
    if base == new:
        return f"{base} under both"
    return " and ".join(f"{kind} under the {name}" for kind, name in ((base, "base"), (new, "new")) if kind)


def _table(head: str, entries: list, total: int | None = None) -> None:
    width = max([len(head)] + [len(e[0]) for e in entries] + [5])
    echo(f"  {head:<{width}}  {'before':>6}  {'after':>6}  {'change':>6}")
    for label, b, a in entries:
        echo(f"  {label:<{width}}  {b:>6}  {a:>6}  {_delta(a - b):>6}")
    if total is not None:
        echo(f"  {'total':<{width}}  {total:>6}  {total:>6}")


def _delta(n: int) -> str:
    return f"+{n}" if n > 0 else str(n) if n < 0 else "0"


def _side(side) -> dict:
    def listed(items):
        return None if items is None else list(items)

    return {"outcome": side.outcome, "referral": side.referral, "formats": listed(side.formats),
            "fired": listed(side.fired), "confidence": side.confidence, "settled": side.settled, "decision": side.label,
            "confidence_exact": None if side.exact is None else ratio_text(side.exact),
            "error": side.error.to_dict() if side.error is not None else None,
            "errors": [p.to_dict() for p in side.problems]}


def _json(report, rule_changes: list) -> dict:
    def row(r) -> dict:
        return {"row": r.number, "line": r.line, "id": r.id, "decision_changed": r.decision_changed,
                "before": _side(r.before), "after": _side(r.after),
                "now_fired": r.now_fired, "no_longer_fired": r.no_longer_fired,
                "formats_changed": r.formats_changed, "confidence_changed": r.confidence_changed,
                "settled_changed": r.settled_changed, "refusal_changed": r.refusal_changed}

    invalid_before, invalid_after = report.undecided()
    return {
        "base": report.base, "rules": report.rules, "profiles": report.profiles, "total": len(report.rows),
        "firings_over": report.decided(),
        "invalid_before": invalid_before, "invalid_after": invalid_after,
        "decision_changed": [row(r) for r in report.rows if r.decision_changed],
        "firing_changed": [row(r) for r in report.rows if r.changed and not r.decision_changed],
        "counts": [{"decision": label, "before": b, "after": a} for label, b, a in report.counts()],
        "rules_changed": rule_changes,
    }
