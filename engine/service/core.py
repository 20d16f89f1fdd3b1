"""What the web service does, without HTTP: check a request, decide, explain, record.

Every answer is built by the same functions the CLI uses (Decision.to_dict,
engine.explain.result.explanation, engine.authoring.json_schemas.generate_from), and
decisions and explanations are written as the CLI prints them (request.printed_json), so
`POST /v1/decisions` and `recommend --format json` cannot differ, byte for byte. Bad
input is a ServiceError carrying every located problem of the request, sorted as every
pathfit error list is, and an HTTP status; its JSON form is
`{"errors": [{"code", "message", "fact"}]}`.

The engine is not re-entrant, so evaluations run one at a time, in the order accepted, on
the service's own thread (`submit`); the HTTP layer bounds how long a caller waits for one,
never how long a decision runs: a caller answered 503 was told its decision goes on and, with
an audit log, is recorded, so a decision accepted is never dropped, and `finish` waits for them
all. An explanation records nothing: its caller cut off, the HTTP layer gives it up (never
begun, or a what-if stopped before its next re-run, `explain`'s `stop`), so no one waits
behind work whose answer no one will read. Since decisions are never dropped, the bound is on
accepting: at most `queue` evaluations
wait or run at once, and one more is refused before it is queued (QueueFull), so a flood
neither grows memory without end nor leaves an accepted one waiting behind thousands.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from ..api import Engine
from ..errors import PathfitError, Pos, Problem, did_you_mean
from ..pipeline.load import Map
from ..pipeline.profile import SUBJECT, profile_subject
from ..pipeline.scalars import NumberText
from .request import CALLER_PF6, ServiceError, facts_map, person_text
from ..quote import quote
from ..reports.rule_json import effects_json

DEFAULT_QUEUE = 64  # `pathfit serve --queue`'s default
NOT_KEPT = ("{} is kept in the audit log only, and this service keeps none: start pathfit serve with --audit-log "
            "to keep it, or leave it out")


class QueueFull(Exception):
    """An evaluation refused before it was queued: `limit` were already waiting or running.
    Nothing of it ran or was recorded, so its caller may send it again as it was."""

    def __init__(self, limit: int):
        super().__init__(f"{limit} evaluations are waiting or running")
        self.limit = limit


class Service:
    """One loaded rule set, answering requests one evaluation at a time, at most `queue` of
    them waiting or running at once."""

    def __init__(self, engine: Engine, audit_log: str | None = None, queue: int = DEFAULT_QUEUE):
        if queue < 1:
            raise ValueError(f"queue is at least 1, not {queue}")
        self.engine, self.audit_log, self.queue = engine, audit_log, queue
        self.lock = threading.Lock()
        self._schema: dict | None = None
        self._evaluations = ThreadPoolExecutor(1, thread_name_prefix="pathfit-evaluation")
        self._slots = threading.BoundedSemaphore(queue)

    def submit(self, fn: Callable, *args) -> Future:
        """Queue `fn(*args)`, an evaluation, on the service's one evaluation thread, or raise
        QueueFull, at once and having queued nothing, when `queue` jobs are already in. Jobs
        run in order; nothing here cancels one: a decision runs to its end whatever its caller
        does, since it may be recorded and the caller was told it would be (only the caller of
        a job that records nothing, an explanation, gives it up). One thread, because
        evaluations are serialised anyway: more would only wait.

        A job holds its slot from being queued until it has finished, its record written (the
        job writes it), or been cancelled: the slot is given back by the job's first done-callback, before its
        caller is woken. The slots are a semaphore's, taken and given back atomically whichever
        threads submit, so the count is exact: no job is refused while fewer than `queue` are in."""
        if not self._slots.acquire(blocking=False):
            raise QueueFull(self.queue)
        try:
            job = self._evaluations.submit(fn, *args)
        except BaseException:  # not queued (the service is finishing): the slot was never used
            self._slots.release()
            raise
        job.add_done_callback(self._give_back)
        return job

    def _give_back(self, job: Future) -> None:
        self._slots.release()

    def finish(self) -> None:
        """Wait until every evaluation queued has run (and been recorded), then take no more:
        a graceful shutdown calls it before the engine is closed under them."""
        self._evaluations.shutdown(wait=True)

    def _check(self, body: dict, allowed: set, found: list[Problem] | None = None, kept: bool = True
               ) -> tuple[Map, str | None, str | None]:
        """(the located facts, the checked subject and operator), or a ServiceError with every
        problem of the request at once: each unknown key (with its did-you-mean), `found` (the
        caller's own keys' problems), facts that are not a mapping, a bad subject or operator,
        and the facts' problems; so one correction is enough."""
        problems = [Problem("PF905", f"unknown key {quote(key)} in the request{did_you_mean(key, allowed)}; it takes "
                                     f"{', '.join(sorted(allowed))}", Pos(key)) for key in sorted(set(body) - allowed)]
        problems += found or []
        try:
            facts: Map | None = facts_map(body.get("facts", {}))
        except ServiceError as err:
            problems += err.problems
            facts = None
        return (facts, *self.people(facts, body, problems=problems, kept=kept))

    def people(self, facts: Map | dict | None, body: dict, facts_subject: bool = True,
               problems: list[Problem] | None = None, kept: bool = True) -> tuple[str | None, str | None]:
        """The checked subject and operator of a request or a form. The subject may come as the
        body's `subject` or as `facts.subject`, as the CLI takes `--subject` or a profile's
        `subject` (the request's facts are a profile): one rule for both, the same PF628, both
        given and different refused. `facts_subject` False (the page's form): a `subject` field
        is one the form does not ask, refused as such (its box is `:subject`). A bad one is
        refused with every problem of the facts too, so one correction is enough (the facts are
        checked again when decided: no decision is made, nor recorded, with a bad subject).
        `problems`: the request's other problems, found by the caller, reported with these;
        `facts` None: they are not a mapping, a problem among those. `kept` False (a decision
        without an audit log): a valid subject or operator given is refused (PF613 at its key),
        as `recommend --subject` is without a record: taken, it would be kept nowhere. One
        in the facts (`facts.subject`) is part of the profile, taken as a profile's is."""
        problems = list(problems or [])
        checked = []
        for key in ("subject", "operator"):
            try:
                checked.append(person_text(body, key))
            except ServiceError as err:
                problems += err.problems
                checked.append(None)
            if checked[-1] is not None and not kept:  # its own problem first, as the CLI's
                problems.append(Problem("PF613", NOT_KEPT.format(key), Pos(key)))
        located = None if facts is None else facts_map(facts) if not isinstance(facts, Map) else facts
        given, facts_bad = (None, False) if located is None else self._facts_subject(located, facts_subject, problems)
        if given is not None and checked[0] is not None and given != checked[0]:
            problems.append(Problem("PF628", "subject differs from facts.subject; give one", Pos("subject")))
        if not problems and not facts_bad:
            return (checked[0] if checked[0] is not None else given), checked[1]
        if located is not None:
            with self.lock:
                try:
                    self.engine.check(located, "facts")
                except PathfitError as err:  # a bad facts.subject among them, at its place
                    problems += err.problems
        raise ServiceError(422, problems)

    def _facts_subject(self, facts: Map, allowed: bool, problems: list[Problem]) -> tuple[str | None, bool]:
        """(`facts.subject` checked as a profile's `subject` is, or None; whether it is bad, its
        problem left to the facts' check, which reports it at `facts.subject`). Not `allowed`:
        a problem naming it is added to `problems`."""
        rs = self.engine.ruleset
        if not allowed and SUBJECT in facts and SUBJECT not in rs.facts:
            problems.append(Problem("PF401", f"unknown fact {quote(SUBJECT)}: the subject is given as :subject",
                                    facts.key_at(SUBJECT)))
            return None, False
        try:
            return profile_subject(rs, facts, "facts"), False
        except PathfitError:
            return None, True

    def decide(self, body: dict) -> tuple[dict, dict | None]:
        """A JSON request -> (the decision object, the audit-log entry or None)."""
        facts, subject, operator = self._check(body, {"facts", "subject", "operator"},
                                               kept=self.audit_log is not None)
        decision, _, entry = self.decide_facts(facts, subject, operator)
        return decision._own_dict(), entry  # written out as JSON, never changed

    def decide_facts(self, facts: dict, subject: str | None = None, operator: str | None = None):
        """-> (Decision with its explanation computed, record or None, audit-log entry or None)."""
        with self.lock:
            try:
                decision = self.engine.evaluate(facts_map(facts) if not isinstance(facts, Map) else facts, "facts")
                decision.trace  # the explanation is computed here, under the lock
                record, entry = self.record(decision, subject, operator)
                return decision, record, entry
            except PathfitError as err:
                raise self._failed(err) from None

    def explain(self, body: dict, stop: threading.Event | None = None) -> dict:
        """A JSON request -> the explanation. `stop`, set once its caller has been answered (cut
        off): a what-if gives up before its next re-run (what_if.Abandoned), freeing the engine
        for the evaluations behind it; an explanation records nothing, so no one loses by it."""
        why_not, what_if = body.get("why_not"), body.get("what_if", False)
        facts, _, _ = self._check(body, {"facts", "subject", "operator", "why_not", "what_if"},
                                  self._explain_options(why_not, what_if))
        from ..explain.result import explanation

        with self.lock:
            try:
                decision = self.engine.evaluate(facts, "facts")
                return explanation(self.engine, decision, why_not, what_if, where="what_if", stop=stop)
            except PathfitError as err:
                raise self._failed(err) from None

    def _explain_options(self, why_not, what_if) -> list[Problem]:
        """The problems of explain's own keys, found before any evaluation so that they are
        reported with the facts' problems: not the right type, an outcome the policy does not
        give (explain.why_not's words and did-you-mean, at the key), or both asked (PF613: the
        CLI's code, the request's keys named, not the CLI's options)."""
        problems = []
        # a number a float or int does not hold is kept as the text written (NumberText): no name either
        named = isinstance(why_not, str) and not isinstance(why_not, NumberText)
        if why_not is not None and not named:
            problems.append(Problem("PF905", "why_not is the name of an outcome", Pos("why_not")))
        if not isinstance(what_if, bool):
            problems.append(Problem("PF905", "what_if is true or false", Pos("what_if")))
        if named:
            from ..explain.why_not import why_not as why_not_explained
            from ..pipeline.policy import outcomes

            if why_not not in outcomes(self.engine.ruleset.policy):
                try:  # refused before it reads the decision: its first check is this one
                    why_not_explained(self.engine.ruleset, None, why_not)
                except PathfitError as err:
                    problems += [p._replace(pos=Pos("why_not")) for p in err.problems]
        if why_not is not None and what_if is True:
            problems.append(Problem("PF613", "why_not and what_if answer different questions; ask one at a time",
                                    Pos("what_if")))
        return problems

    def record(self, decision, subject: str | None, operator: str | None) -> tuple[dict | None, dict | None]:
        """Append the decision to the audit log, if one was given: the one place the
        service records. `subject` and `operator` (checked) are kept in the record as
        `pathfit recommend --subject/--operator` keeps them: the subject sealed under the
        audit key unless the policy says `subject: public` (PF610 without a key)."""
        if self.audit_log is None:
            return None, None
        from ..audit.save import save

        return save(self.engine, decision, None, self.audit_log, subject=subject, operator=operator)

    def rules(self) -> dict:
        rs = self.engine.ruleset
        return {"ruleset": {"name": rs.name, "digest": rs.digest},
                "rules": [{"id": r.id, "reason": r.reason, "cites": list(r.cites), "effects": effects_json(r)}
                          for r in rs.rules]}

    def schema(self) -> dict:
        """The profile JSON Schema, as `pathfit schema --kind profile` writes it."""
        if self._schema is None:
            from ..authoring.json_schemas import generate_from

            # from the rules this service decides with, never the directory read again
            self._schema = generate_from(self.engine.ruleset, ("profile",))["profile"]
        return self._schema

    @staticmethod
    def _failed(err: PathfitError) -> ServiceError:
        """Bad facts are the caller's (422); an audit or key failure is the server's (500).
        The PF6xx codes a request's own content can earn (an option conflict, a bad subject or
        operator) are the caller's: a 500 would tell a caller the fault was not theirs."""
        server_side = any(p.code.startswith("PF6") and p.code not in CALLER_PF6 or p.code.startswith("PF5")
                          for p in err.problems)
        return ServiceError(500 if server_side else 422, list(err.problems))
