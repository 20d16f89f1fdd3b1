"""How: the derivation of a decision as a tree, read from the trace.

Outcome <- the rules whose effects decided it (those with a share of its
confidence, and those that concluded what its clause tests) <- the facts each matched <- for a
derived fact, the rule that derived it (or, for a failed one, the rules that
were refuted) ... down to the person's input facts. Nothing is re-evaluated:
every edge is a recorded firing.
"""
from __future__ import annotations

from ..api import Decision
from ..pipeline.model import RuleSet
from ..pipeline.figures import confidence_phrase
from ..pipeline.policy import met_conclusion
from ..reports.numbers import signed_text
from ..reports.wording import confidence_open
from ..reports.wrap import wrap


_WORK_OUT = object()  # how()'s default: whether the figure is open, worked out from the rule set


def how(rs: RuleSet, decision: Decision, figures_open: bool | None | object = _WORK_OUT) -> dict:
    """The tree. A settled decision whose confidence an answer not yet given could still move
    carries `"confidence_open": true` (null: a record that cannot tell), so that every reader of
    the tree says so as `recommend` does; without the key nothing is open. `figures_open`: that
    answer where the caller has it (a record); otherwise it is asked of the rule set, by the
    test `recommend` words its figure with (reports.wording.confidence_open)."""
    firings = decision.trace["firings"]
    first_deriver: dict[str, dict] = {}
    for f in firings:
        for fact in f.get("derived", []):
            first_deriver.setdefault(fact, f)
    settled = {s["fact"]: s for s in decision.trace["settled"]}
    not_fired = {e["rule"]: e for e in decision.trace["not_fired"]}

    shown: set[str] = set()  # derived facts whose derivation the tree has drawn already

    def fact_node(m: dict) -> tuple[dict, dict | None]:
        """The node for a matched fact, and the firing to draw below it, if any."""
        name = m.get("fact")
        if name is None:  # a refutation binding inside a closure
            return {"refuted": m["refuted"]}, None
        fact = rs.facts[name]
        node = {"fact": name}
        if "member" in m:
            node.update(member=m["member"], value=m["value"])
        elif "known" in m:
            node["known"] = m["known"]
        else:
            node["value"] = m["value"]
        if fact.kind == "input":
            node["input"] = True
        elif m.get("value") is True and name in first_deriver:
            f = first_deriver[name]
            if name not in shown:
                shown.add(name)
                return node, f
            node["derived_by"] = {"rule": f["rule"], "step": f["step"], "shown_above": True}
        elif m.get("value") is False and name in settled:
            node["refuted"] = [{"rule": r, **_why(not_fired.get(r))} for r in settled[name]["refuted"]]
        return node, None

    def rule_node(f: dict) -> dict:
        rule = rs.rule(f["rule"])
        effects = {k: f[k] for k in ("derived", "evidence", "suggest", "refer", "not_now") if k in f}
        return {"rule": rule.id, "reason": rule.reason, "cites": list(rule.cites), "step": f["step"],
                **effects, "from": []}

    def drawn(f: dict) -> dict:
        """A firing's rule node with everything below it, depth first. Each derived fact's
        derivation is drawn once, where it first appears; each later appearance names the
        rule and says it is shown above. Drawn again in full, a rule set whose derived facts
        each read two derived facts of the layer below draws 2^n copies of the bottom layer
        at n layers. Walked with a stack of its own, not Python's: a chain of derived facts
        can be deeper than Python's recursion limit allows."""
        top = rule_node(f)
        stack = [(top, iter(f["matched"]))]
        while stack:
            node, matched = stack[-1]
            m = next(matched, None)
            if m is None:
                stack.pop()
                continue
            child, below = fact_node(m)
            node["from"].append(child)
            if below is not None:
                child["derived_by"] = rule_node(below)
                stack.append((child["derived_by"], iter(below["matched"])))
        return top

    ids = {rule for rule, _ in decision.contributions} | _concluded(rs, decision)
    deciding = [f for f in firings if f["rule"] in ids]
    settled_ = getattr(decision, "settled", None)
    tree = {"outcome": decision.outcome, "referral": decision.referral, "confidence": decision.confidence,
            "settled": settled_, "because": [drawn(f) for f in deciding]}
    if settled_:
        if figures_open is _WORK_OUT:
            figures_open = confidence_open(rs, decision)
        if figures_open is not False:  # absent where nothing is open: the JSON is as it was
            tree["confidence_open"] = figures_open
    return tree


def _concluded(rs: RuleSet, decision: Decision) -> set:
    """The rules that met the deciding clause's `concluded` test: they decided it as much as the
    rules with a share did (decide's own answer, Verdict.contributions, names only the latter
    where the clause's confidence is worked from evidence). A record holds no policy: it names
    them (`concluding_rules`); one made before it did places the referral given, since a clause
    giving refer tests `concluded: refer` (PF204), and not now beside a confidence worked from
    evidence it cannot (the report says so: engine.reports.html)."""
    firings = decision.trace["firings"]
    policy = getattr(rs, "policy", None)
    if policy is not None:
        return set(met_conclusion(policy, decision.trace["decision"]["clause"], firings))
    if getattr(decision, "concluding_rules", None) is not None:
        return set(decision.concluding_rules)
    referral = decision.referral
    return {f["rule"] for f in firings if referral is not None and f.get("refer") == referral}


def _why(entry: dict | None) -> dict:
    if not entry:
        return {}
    if entry["status"] == "failed":
        return {"failed": entry["condition"], "observed": entry["observed"], "expected": entry["expected"]}
    return {"waiting_on": entry["unknown"]}


def render_how(tree: dict, width: int = 80, decision: Decision | None = None) -> str:
    """An indented text tree at `width` columns: a long node continues on the next
    line under its own text, the tree's lines kept unbroken beside it. With the tree's
    `decision`, its confidence as `recommend` prints it from the exact value; a tree read
    back from JSON has only its four-place figure. The figure is said to be on the answers given
    where the tree says an answer not yet given could move it (`confidence_open`)."""
    exact = decision.verdict.confidence_ratio if decision is not None else None
    phrase = confidence_phrase(tree["confidence"], tree.get("settled"), exact, tree.get("confidence_open", False))
    lines = wrap(f"{tree['outcome']}" + (f" ({tree['referral']})" if tree["referral"] else "") + f"  {phrase}",
                 width, subsequent_indent="  ")

    def put(first: str, rest: str, text: str) -> None:
        lines.extend(wrap(text, width, initial_indent=first, subsequent_indent=rest) or [first.rstrip()])

    def fact_line(node: dict) -> str:
        if "refuted" in node and "fact" not in node:
            return f"rule {node['refuted']} refuted"
        if "member" in node:
            text = f"{node['fact']} {'contains' if node['value'] else 'lacks'} {node['member']}"
        elif "known" in node:
            text = f"{node['fact']} is {'known' if node['known'] else 'unknown'}"
        else:
            value = node["value"]
            text = f"{node['fact']} = {str(value).lower() if isinstance(value, bool) else value}"
        return text + ("  (input)" if node.get("input") else "")

    def draw(node: dict, prefix: str, last: bool) -> list:
        """Put `node`'s lines; -> its children, each (node, prefix, last)."""
        branch = "└─ " if last else "├─ "
        child_prefix = prefix + ("   " if last else "│  ")
        if node.get("shown_above"):  # a derivation drawn in full where it first appears
            put(prefix + branch, child_prefix + "     ", f"{node['rule']}  (shown above)")
            return []
        if "rule" in node and "from" in node:
            effects = []
            if node.get("evidence"):
                effects.append(", ".join(f"{signed_text(w)} {o}" for o, w in node["evidence"].items()))
            if node.get("derived"):
                effects.append("derives " + ", ".join(node["derived"]))
            if node.get("refer"):
                effects.append(f"refers to {node['refer']}")
            if node.get("not_now"):
                effects.append("not now")
            kids = node["from"]
            put(prefix + branch, child_prefix + ("│  " if kids else "   ") + "  ",
                f"{node['rule']} [{'; '.join(effects)}]")
        else:
            kids = [node["derived_by"]] if "derived_by" in node else []
            refuted = node.get("refuted", [])
            put(prefix + branch, child_prefix + ("│  " if kids or refuted else "   ") + "  ", fact_line(node))
            for j, r in enumerate(refuted):
                branch_r = "└─ " if j == len(refuted) - 1 else "├─ "
                pad = child_prefix + ("   " if j == len(refuted) - 1 else "│  ")
                put(child_prefix + branch_r, pad + "  ", f"refuted: {r['rule']}")
                if "failed" in r:
                    put(pad + "   ", pad + "     ", f"failed: {r['failed']} (observed {_plain(r['observed'])})")
        return [(kid, child_prefix, i == len(kids) - 1) for i, kid in enumerate(kids)]

    # depth first with a stack of its own: a chain of derived facts can be deeper than
    # Python's recursion limit allows
    stack = [(node, "", i == len(tree["because"]) - 1) for i, node in enumerate(tree["because"])][::-1]
    while stack:
        stack.extend(reversed(draw(*stack.pop())))
    return "\n".join(lines)


def _plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(_plain, value)) or "none"
    return str(value)
