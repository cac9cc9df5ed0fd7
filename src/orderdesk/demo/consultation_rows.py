"""Consultation requests and their timelines, as COPY text lines.

Recent requests are still waiting (some arrived in the last hours); older ones were picked up by
a consultant and answered. Events and the folded search text match what
consultations.services writes.
"""

from itertools import pairwise

from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.text import fold
from orderdesk.demo import staff as roles
from orderdesk.demo.clock import DAY, HOUR, MINUTE, CreationTimeline, TimeText
from orderdesk.demo.customers import CustomerMaker
from orderdesk.demo.pools import assert_copy_safe, expand, pick
from orderdesk.demo.tables import CONSULTATION, CONSULTATION_EVENT, NULL
from orderdesk.demo.vocab_consultations import CONSULTANT_NOTES, PREFERRED_CONTACT_TIMES, QUESTIONS

PENDING = ConsultationStatus.PENDING_CONFIRMATION.value
PROCESSING = ConsultationStatus.PROCESSING.value
CONFIRMED = ConsultationStatus.CONFIRMED.value
WINDOW = 42 * DAY  # requests of the last six weeks
RECENT = 8 * HOUR
SOURCES = [(55, "web_form"), (20, "phone"), (15, "chat"), (7, "api"), (3, "other")]
STATUS_BY_AGE = [
    (4 * HOUR, [(80, PENDING), (20, PROCESSING)]),
    (2 * DAY, [(30, PENDING), (40, PROCESSING), (30, CONFIRMED)]),
    (None, [(3, PENDING), (12, PROCESSING), (85, CONFIRMED)]),
]


class ConsultationMaker:
    def __init__(
        self,
        rng,
        *,
        staff: roles.Staff,
        now: int,
        count: int,
        time_text: TimeText,
        vietnamese_region: bool,
    ):
        self._random = rng.random
        self._now = now
        self._ts = time_text
        # The newest tenth arrived in the last hours: the waiting queue a desk opens to.
        self._recent_from = count - count // 10
        self._timeline = CreationTimeline(
            start=now - WINDOW, end=now - RECENT, count=self._recent_from, growth=2.0
        )
        self._recent = CreationTimeline(
            start=now - RECENT,
            end=now - 5 * MINUTE,
            count=count - self._recent_from,
            growth=0,
            daily_rhythm=False,
        )
        self._customers = CustomerMaker(rng, vietnamese_region=vietnamese_region)
        self._consultants = [m for m in staff.for_roles(roles.CONSULTANTS) if m[0] is not None]
        self._sources = expand(SOURCES)
        self._by_age = [(limit, expand(weights)) for limit, weights in STATUS_BY_AGE]
        assert_copy_safe(
            [t for q in QUESTIONS for t in q] + PREFERRED_CONTACT_TIMES + CONSULTANT_NOTES
        )
        self._questions = [(s, m, fold(s), fold(m[:500])) for s, m in QUESTIONS]

    def render(self, indexes: range, codes: list[str], ids, forced: dict) -> tuple[dict, list]:
        """({table: lines}, [status, …]) for the index-th requests of the run; `forced` maps
        an index to the status it must have (so that even a small run shows every status)."""
        out = {CONSULTATION: [], CONSULTATION_EVENT: []}
        statuses = [
            self._one(index, code, rid, forced.get(index), out)
            for index, code, rid in zip(indexes, codes, ids, strict=True)
        ]
        return out, statuses

    def _one(self, index: int, code: str, rid: int, forced: str | None, out: dict) -> str:
        r = self._random
        ts = self._ts
        if index < self._recent_from:
            created = self._timeline.at(index, r())
        else:
            created = self._recent.at(index - self._recent_from, r())
        customer = self._customers.next(may_be_international=True)
        subject, message, folded_subject, folded_message = pick(r, self._questions)
        source = pick(r, self._sources)
        creator = pick(r, self._consultants) if source == "phone" and self._consultants else None
        status = forced or self._status(created)
        by = creator or (None, "system")
        events = [(created, _event(rid, "created", by, ts(created)) + f'{{"source": "{source}"}}')]

        assignee = None
        clock = created
        room = max(self._now - MINUTE - created, 0)
        if self._consultants and (status != PENDING or r() < 0.2):
            assignee = pick(r, self._consultants)
            clock += int(min(room * 0.2, r() * 2 * HOUR))
            events.append(
                (
                    clock,
                    _event(rid, "assigned", assignee, ts(clock))
                    + f'{{"from": null, "to": "{assignee[1]}"}}',
                )
            )
        path = [PENDING] if status == PENDING else [PENDING, status]
        if status == CONFIRMED and r() < 0.7:
            path = [PENDING, PROCESSING, CONFIRMED]
        mover = assignee or (pick(r, self._consultants) if self._consultants else (None, "system"))
        first_response = None
        for old, new in pairwise(path):
            step = min((self._now - MINUTE - clock) * 0.5, 20 * MINUTE + r() * 20 * HOUR)
            clock += int(max(step, 0))
            first_response = first_response or clock
            data = f'{{"from": "{old}", "to": "{new}"'
            if r() < 0.3:
                data += f', "note": "{pick(r, CONSULTANT_NOTES)}"'
            events.append((clock, _event(rid, "status_changed", mover, ts(clock)) + data + "}"))

        parts = [code.lower(), customer.name.folded, customer.email, folded_subject, folded_message]
        parts += customer.phone.keys
        search = " | ".join(part for part in parts if part)
        assignee_id = assignee[0] if assignee else NULL
        out[CONSULTATION].append(
            f"{rid}\t{code}\t{customer.name.text}\t{customer.phone.typed}\t"
            f"{customer.phone.normalized}\t{customer.email}\t{subject}\t{message}\t"
            f"{pick(r, PREFERRED_CONTACT_TIMES)}\t{source}\t{status}\t{assignee_id}\t"
            f"{NULL if first_response is None else ts(first_response)}\t{NULL}\t{NULL}\t"
            f"{ts(created)}\t{ts(clock)}\t{ts(clock if len(path) > 1 else created)}\t"
            f"{len(events)}\t{NULL if creator is None else creator[0]}\t{NULL}\t{search}"
        )
        out[CONSULTATION_EVENT].extend(line for _, line in events)
        return status

    def _status(self, created: int) -> str:
        age = self._now - created
        for limit, statuses in self._by_age:
            if limit is None or age < limit:
                return pick(self._random, statuses)
        raise AssertionError("unreachable")


def _event(rid: int, event_type: str, by: tuple, at_text: str) -> str:
    user_id, label = by
    return (
        f"{rid}\t{event_type}\t{NULL if user_id is None else user_id}\t{NULL}\t{label}\t{at_text}\t"
    )
