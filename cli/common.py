"""What every command shares: loading rules and facts, and reporting errors."""
from __future__ import annotations

import json
from pathlib import Path

import click

from engine import Engine, PathfitError
from engine.errors import Problem, Pos
from engine.load import Map, decode, parse_yaml, read_text

MAX_PROFILE_BYTES = 1024 * 1024


def fail_with(err: PathfitError) -> None:
    """Print every problem as `file:line:col: code: message` and exit 2."""
    for problem in err.problems:
        click.echo(problem.format(), err=True)
    raise SystemExit(2)


def load_engine(rules: str | None) -> Engine:
    try:
        return Engine.load(rules)
    except PathfitError as err:
        fail_with(err)


def read_profile(path: str | None, facts: tuple[str, ...], engine: Engine) -> tuple[dict, str]:
    """Facts from a YAML/JSON profile file, then `--fact name=value` overrides."""
    profile: dict = {}
    label = "<--fact>"
    if path:
        label = path
        text = decode(click.open_file(path, "rb").read(), path, MAX_PROFILE_BYTES) if path == "-" else read_text(Path(path), path, MAX_PROFILE_BYTES)
        doc = parse_yaml(text, label)  # JSON is YAML; duplicate keys are refused either way
        if isinstance(doc, Map) and "facts" in doc and isinstance(doc["facts"], Map):
            doc = doc["facts"]  # example files wrap facts with a description
        profile = doc
    overrides = {}
    problems = []
    for item in facts:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            problems.append(Problem("PF406", f"--fact takes name=value, not {item!r}", Pos("--fact")))
            continue
        overrides[name.strip()] = parse_fact_value(engine, name.strip(), raw.strip())
    if problems:
        raise PathfitError(problems)
    if overrides:
        merged = dict(profile) if isinstance(profile, dict) else profile
        if isinstance(merged, dict):
            merged.update(overrides)
            profile = _relabel(profile, merged)
    return profile, label


def _relabel(original, merged: dict):
    """Keep positions for facts that came from the file."""
    if isinstance(original, Map):
        out = Map(merged)
        out.pos, out.key_pos, out.value_pos, out.surprises = original.pos, original.key_pos, original.value_pos, {}
        return out
    return merged


def parse_fact_value(engine: Engine, name: str, raw: str):
    """`--fact` values: sets as comma lists, `unknown` for unknown, JSON scalars otherwise."""
    fact = engine.ruleset.facts.get(name)
    if raw == "unknown":
        return None
    if fact is not None and fact.type == "set":
        return [v.strip() for v in raw.split(",") if v.strip()]
    if fact is not None and fact.type == "enum":
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw
