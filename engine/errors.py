"""One error type for every stage, so every problem can point at its source.

Error codes are public API: tests, editors and scripts match on the code and the position, never on
the prose. Codes are grouped by stage: 1xx load (YAML), 2xx rule-set validation, 3xx durable-rules
capacity, 4xx profiles (a person's facts), 5xx evaluation, 6xx audit (records, the audit log, keys)
and the command line's own refusals, 7xx lint (static analysis), 8xx rule tests, 9xx the web service.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .record import Record

CODES: dict[str, str] = {
    # load
    "PF100": "file cannot be read",
    "PF101": "file is not valid UTF-8 text, or a file or a fact's name or value holds control characters, or (YAML) a line end only YAML 1.1 reads",
    "PF102": "YAML syntax error",
    "PF103": "YAML tag not allowed",
    "PF104": "YAML anchors and aliases are not allowed",
    "PF105": "duplicate mapping key",
    "PF106": "file too large",
    "PF107": "nesting too deep",
    "PF108": "more than one YAML document in a file",
    "PF109": "empty file",
    "PF110": "mapping key is not a string",
    # rule-set validation
    "PF201": "required key missing",
    "PF202": "unknown key",
    "PF203": "value has the wrong type",
    "PF204": "value not allowed",
    "PF205": "unknown fact",
    "PF206": "duplicate rule or decision-table id",
    "PF207": "citation points to no knowledge-base section",
    "PF208": "cycle through negation",
    "PF209": "cycle in derivations",
    "PF210": "operator does not apply to this fact's type",
    "PF211": "YAML 1.1 surprise: plain scalar read as a boolean or an octal number",
    "PF212": "invalid identifier",
    "PF213": "unknown outcome, referral or format",
    "PF214": "rule has no effect",
    "PF215": "condition too complex",
    "PF216": "rule set directory incomplete",
    "PF217": "knowledge base unreadable or malformed",
    "PF218": "number outside the fact's declared range",
    "PF219": "number beyond what the engine compares exactly (2**53)",
    "PF220": "a conclusion (refer, not_now) named as an evidence outcome",
    "PF221": "certainty factor outside [-1, 1]",
    "PF222": "decision test or confidence method that does not apply under combine: certainty",
    "PF223": "certainty factors 1 and -1 for the same outcome (no combination exists)",
    # decision tables (docs/rule-language.md); PF228-PF230 are lint findings
    "PF225": "decision-table row has not one cell per input column",
    "PF226": "unknown decision-table hit policy",
    "PF227": "decision-table row matches every input where that is not allowed",
    "PF228": "unique decision table: two rows match the same input",
    "PF229": "any decision table: two rows match the same input with different results",
    "PF230": "complete decision table: an input that no row matches",
    # valued derived facts (docs/rule-language.md): PF231 at run time, PF232 a lint finding
    "PF231": "valued derived fact set to two different values for one person",
    "PF232": "two rules that can both fire set a valued derived fact to different values",
    # decision-table rows in a CSV file (`rows_from`, docs/rule-language.md)
    "PF235": "decision-table CSV (rows_from) refused: no plain .csv file in the rule set's directory",
    "PF236": "table CSV header malformed",
    "PF237": "table CSV line malformed (quoting)",
    # schema.yaml's `language` (docs/rule-language.md)
    "PF238": "language is not a well-formed BCP 47 language tag",
    # durable-rules capacity
    "PF301": "one fact could match more conditions than durable-rules allows",
    "PF302": "more rules share one condition than durable-rules allows",
    "PF303": "more distinct tests under one condition than durable-rules allows",
    "PF304": "more actions than durable-rules allows in one ruleset",
    "PF305": "two fact ids collide under durable-rules' message hash (the core would drop one fact)",
    # profiles
    "PF401": "unknown fact in profile",
    "PF402": "fact value has the wrong type",
    "PF403": "fact value not allowed",
    "PF404": "number out of range or not finite",
    "PF405": "derived fact given as input",
    "PF406": "profile is not a mapping of fact names to values",
    "PF407": "number not written as a plain decimal (024, 0x10, 1_2): readers disagree on it",
    "PF408": "an enum or set value HR staff read has no label in schema.yaml",
    # evaluation
    "PF501": "a rule's action failed inside the engine",
    "PF502": "evaluation did not settle (a rule fired without end)",
    "PF503": "durable-rules reported an internal error",
    "PF504": "durable-rules dropped an asserted fact as already observed (an internal error)",
    "PF505": "engine cross-check failed: durable-rules' firings disagree with the rules' conditions (an internal error)",
    "PF506": "the engine was closed (Engine.close): load the rule set again to evaluate",
    "PF507": "an Engine or a Decision cannot be pickled (nor an Engine copied): load the rule set again, or pickle Decision.to_dict()",
    "PF508": "evaluate or close called on the thread already running that engine's evaluation (from a signal handler): load the rule set again for a second engine, or close it once the evaluation has returned",
    "PF509": "Python's call stack ran out inside the engine (a low recursion limit, or a call from deep in the caller's stack): not a problem found in the rules or the facts",
    # the command line (PF600), decision records and the audit log (docs/audit.md)
    "PF600": "command line not understood: unknown command or option, missing or extra argument, value not allowed",
    "PF601": "audit log line is not a well-formed entry",
    "PF602": "audit log entry was altered",
    "PF603": "audit log entries were removed",
    "PF604": "audit log entry was inserted",
    "PF605": "audit log entries were reordered",
    "PF606": "audit log ends with a partial line (an append cut off, or the log cut short inside a line)",
    "PF607": "expected head not in the audit log (truncated or rewritten)",
    "PF608": "not a well-formed pathfit decision record",
    "PF609": "decision record was altered: its digest does not match",
    "PF610": "audit key missing, unreadable or unsafe",
    "PF611": "record was masked with another audit key",
    "PF612": "output file already exists and is never overwritten",
    "PF613": "option or argument value not allowed",
    "PF614": "a masked value cannot be recovered for replay",
    "PF615": "record or log written by a newer pathfit",
    "PF616": "no record matches",
    "PF617": "cannot write the record or append to the audit log",
    "PF618": "output refused: a link, a device, a directory, an input, or in a missing folder",
    "PF619": "cannot write an output file or standard output (disk full, read-only folder, permission denied, closed)",
    "PF620": "audit log entry is not signed",
    "PF621": "audit log entry is signed by a key not given",
    "PF622": "audit log entry's signature does not verify",
    "PF623": "signing or public key missing, unreadable, malformed or unsafe",
    "PF624": "head statement malformed, signed by a key not given, altered, or not matching the log",
    "PF625": "audit log ends with an uncommitted batch (a batch begun with no commit marker after it)",
    "PF626": "audit log batch markers do not nest (a begin, commit or batch entry out of place)",
    "PF627": "batch already committed to the audit log",
    "PF628": "subject or operator is not short plain text",
    "PF629": "pathfit init refuses a target that exists and is not an empty directory",
    "PF630": "sealed part of a decision record does not open (altered, or moved from another record), or a masked value was altered",
    "PF631": "a committed batch's output cannot be restored: the re-run does not match its committed records",
    "PF632": "a batch worker process ended before handing back its rows",
    "PF633": "audit head --unsigned expects more unsigned entries at the start of the log than it has",
    "PF634": "rules list names a fact, outcome or knowledge-base section the rule set does not have",
    "PF635": "batch worker processes cannot be started",
    # lint (`pathfit lint`): static analysis of a rule set; see docs/authoring.md
    "PF701": "rule can never fire: its conditions contradict each other",
    "PF702": "rule can never fire: a comparison is outside the fact's declared range or values",
    "PF703": "comparison always holds when the fact is known",
    "PF704": "rule can never fire: it needs a derived fact that no rule derives",
    "PF705": "rule can never fire: a derived fact it needs can never be established",
    "PF706": "derived fact that no rule reads",
    "PF707": "derived fact that no rule derives",
    "PF708": "input fact that no rule reads",
    "PF709": "rule has the same conditions as another rule",
    "PF710": "knowledge-base section that no rule cites",
    "PF711": "YAML 1.1 surprise: plain scalar read as a boolean or a number",
    "PF712": "policy names something no rule can produce",
    "PF713": "decision clause that can never decide",
    "PF714": "part of a condition can never hold",
    "PF715": "outcome declared that no decision clause gives",
    "PF716": "decision clause test, or two together, that no scores can meet",
    "PF717": "knowledge-base heading whose anchor makes no section",
    "PF718": "YAML file in the rule set's folder that pathfit never reads (not named *.yaml)",
    "PF719": "complete decision table whose search for inputs no row matches stopped before the end",
    "PF720": "rule that fires only where another fires and adds nothing to it",
    "PF799": "a lint check failed unexpectedly (a bug in pathfit)",
    # rule tests (`pathfit test`)
    "PF801": "rule test file malformed",
    "PF802": "unknown rule in a rule test",
    "PF803": "unknown outcome, referral or format in a rule test",
    "PF804": "duplicate rule test name",
    "PF805": "no rule test cases found",
    "PF810": "rule test case failed",
    "PF811": "rule coverage below the minimum",
    "PF812": "rule fired by no rule test case",
    # the local web service (`pathfit serve`, docs/serve.md)
    "PF901": "a non-loopback address needs --token-file",
    "PF902": "token file missing, unreadable, unsafe or too short",
    "PF903": "request lacks the bearer token or carries a wrong one",
    "PF904": "request body too large",
    "PF905": "request body is not a JSON object of the documented shape",
    "PF906": "subject or operator is not short plain text (no longer given: the service gives the CLI's PF628)",
    "PF907": "request took longer than the time limit",
    "PF908": "request refused: cross-site form post or unexpected Host",
    "PF909": "no such path, or not with that method",
    "PF910": "cannot listen on the address and port given",
    "PF911": "the service's queue (of evaluations, or of reports and schema requests) is full: request refused before it was accepted, nothing run or recorded",
    "PF912": "an Idempotency-Key sent again with another request: refused, nothing run or recorded",
}

# Codes a person whose facts are valid earns while being decided: the rule set's fault for
# them, not their facts', so a report names the person refused, never invalid.
RULES_REFUSE = frozenset({"PF231"})


class Pos(Record):
    """A 1-based line and column in a file; 0 means the whole file."""

    __slots__ = ()
    if TYPE_CHECKING:  # the fields as a type checker sees them (Record makes them from __new__)
        file: str
        line: int
        col: int

    def __new__(cls, file: str = "", line: int = 0, col: int = 0) -> Pos:
        return tuple.__new__(cls, (file, line, col))


class Problem(Record):
    """One located problem. `severity` is "error" or "warning"."""

    __slots__ = ()
    if TYPE_CHECKING:
        code: str
        message: str
        pos: Pos
        severity: str

    def __new__(cls, code: str, message: str, pos: Pos = Pos(), severity: str = "error") -> Problem:
        return tuple.__new__(cls, (code, message, pos, severity))

    def sort_key(self) -> tuple:
        return (self.pos.file, self.pos.line, self.pos.col, self.code, self.message)

    def format(self) -> str:
        """`file:line:col: code: message`, yamllint's and OPA's form; the file as quote.shown_path shows it."""
        from .quote import shown_path  # loaded where a problem is said: never on a decision's way
        return f"{shown_path(self.pos.file) if self.pos.file else '<input>'}:{self.pos.line}:{self.pos.col}: {self.code}: {self.message}"

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.pos.file,
            "line": self.pos.line,
            "col": self.pos.col,
            "message": self.message,
        }


class PathfitError(Exception):
    """Raised with every problem a stage found, sorted by location: stages collect problems
    instead of stopping at the first, so an author fixes a file in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple:
        """Pickled as its problems: a batch worker hands a problem it raised back this way, and
        the default (the message as its one argument) could not be read back."""
        return (type(self), (self.problems,))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


def char_column(data: bytes, index: int) -> int:
    """The 1-based column, in characters, of the byte at `index` of `data`, within its line
    (after the last line feed before it): every column pathfit gives counts characters, so
    a byte found in the bytes is located as an editor shows its line. A byte before it that
    is not UTF-8 counts as one character, as a replacement character shows it."""
    start = data.rfind(b"\n", 0, index) + 1
    return len(data[start:index].decode("utf-8", "replace")) + 1


def fail(code: str, message: str, pos: Pos | None = None) -> PathfitError:
    """Build a one-problem error; callers `raise fail(...)`."""
    return PathfitError([Problem(code, message, pos or Pos())])


class Collector:
    """Accumulates problems across a stage; raises once at the end."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, pos: Pos | None = None, severity: str = "error") -> None:
        assert code in CODES, code
        self.problems.append(Problem(code, message, pos or Pos(), severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise PathfitError(self.errors)


def did_you_mean(name: str, choices, what: str = "") -> str:
    """A difflib hint, as click and rule-engine give, or an empty string. `what` names
    the kind of the name suggested (" (did you mean the result column 'reason'?)")."""
    close = closest(name, choices)
    if close is None:
        return ""
    from .quote import quote  # loaded for a message only: never on a decision's way

    return f" (did you mean {what + ' ' if what else ''}{quote(close)}?)"


def counted(n: int, noun: str, nouns: str = "") -> str:
    """'1 record', '3 records': a count with its noun as English has it (`nouns` where the
    plural is not the noun and an s: 'entry', 'entries')."""
    return f"{n} {noun}" if n == 1 else f"{n} {nouns or noun + 's'}"


def closest(name: str, choices) -> str | None:
    """The choice closest to `name` as difflib finds it, or None: for a hint built otherwise."""
    import difflib

    close = difflib.get_close_matches(str(name), sorted(map(str, choices)), n=1, cutoff=0.6)
    return close[0] if close else None
