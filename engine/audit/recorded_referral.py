"""Where a recorded decision's referral sends the person, in words, from the record alone.

A record keeps the words its rule set's policy gave the referral (`decision.referral_label`,
pathfit 0.5.0 on), so its report says what `recommend` said without the rule set at hand. A
record made before keeps the referral's name only. Before 0.5.0 pathfit worded five referral
names itself, for its bundled rules (rule set `pathfit-default`), whatever rule set gave them:
BEFORE_0_5 is that wording, kept as it was, not what any rule set says now. An old record of
the bundled rules is worded so, said to be worded so, and so keeps the safety words of its
`counselling` referral; an old record of any other rule set is shown the name as words, since
pathfit's words for the bundled rules may not be what its own `training` meant.
"""
from __future__ import annotations

BUNDLED_RULESET = "pathfit-default"  # the `ruleset:` name of the rules shipped with pathfit

# What pathfit before 0.5.0 said each bundled referral sends the person to (hr_process as 0.4.0
# worded it; earlier versions, below in HR_PROCESS_BEFORE_0_4).
BEFORE_0_5 = {
    "counselling": "counselling or therapy (in any imminent danger: emergency services now)",
    "hr_process": "the HR and line-manager process, under way or intended",
    "organisational_action": "action on the organisational cause, through the line and HR",
    "training": "training in the basics first",
    "consulting": "consulting or organisational change, not personal development",
}
HR_PROCESS_BEFORE_0_4 = "the HR and line-manager process already under way"


def referral_words(record: dict) -> tuple[str, str]:
    """(the referral's words, a note on where they come from, or ''), for a record whose decision
    gives a referral. The record's own `referral_label` where it has one: no note."""
    d = record["decision"]
    name, recorded = d["referral"], d.get("referral_label")
    if isinstance(recorded, str):
        return recorded, ""
    version = str(record.get("versions", {}).get("pathfit", ""))
    made = f"This record, made by pathfit {version} before records kept a referral's words, keeps its name ({name})"
    if record.get("ruleset", {}).get("name") == BUNDLED_RULESET and name in BEFORE_0_5:
        words = HR_PROCESS_BEFORE_0_4 if name == "hr_process" and _before_0_4(version) else BEFORE_0_5[name]
        return words, (f"{made}: it is worded as pathfit {version} worded that referral of its bundled "
                       f"rules ({BUNDLED_RULESET}).")
    return name.replace("_", " "), f"{made}, shown as words: the words its rule set meant are not recorded."


def _before_0_4(version: str) -> bool:
    """Whether a record's pathfit version is before 0.4.0 (one that cannot be read is taken as 0.4.0)."""
    try:
        return tuple(int(p) for p in version.split(".")[:2]) < (0, 4)
    except ValueError:
        return False
