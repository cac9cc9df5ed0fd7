"""Pages and API reads timed over HTTP, each next to the same SQL run raw, and the list's ORM
query against its own SQL.

Each read is first run once in-process (Django's test client, same settings and database) to
capture every statement the request sends; then HTTP requests and raw replays of those
statements alternate, so both see the same moment of a noisy machine.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.test import Client
from django.utils import timezone

from bench.client import HttpClient
from bench.picks import STATUS_TAB
from bench.rawsql import RawConnection, Statement, capture
from bench.results import Recorder
from bench.stats import Timing, ratio

HTMX = {"HX-Request": "true"}  # what htmx sends when it swaps only the results in


@dataclass
class Read:
    name: str
    path: str
    note: str
    headers: dict = field(default_factory=dict)
    api: bool = False  # authenticates with the admin API key instead of the session


def list_reads(picks) -> list[Read]:
    def search(name: str, term: str, what: str) -> Read:
        return Read(
            name,
            "/orders/?" + urlencode({"q": term}),
            f"{what} {term!r}; htmx results partial (as typing in the search box)",
            HTMX,
        )

    deep = f"page {picks.deep_page}" + (
        "" if picks.deep_page == 1000 else " (the last page: fewer than 1,000 pages)"
    )
    return [
        Read("list_first_page_p95_ms", "/orders/", "full page /orders/, 50 rows"),
        Read(
            "list_status_tab_p95_ms",
            f"/orders/?status={STATUS_TAB}",
            f"full page, the {STATUS_TAB} tab",
        ),
        Read(
            "list_deep_page_p95_ms",
            "/orders/?" + urlencode({"cursor": picks.deep_cursor or "", "page": picks.deep_page}),
            f"{deep} by its keyset cursor; htmx partial (the Next page link)",
            HTMX,
        ),
        Read(
            "counts_p95_ms", "/api/v1/orders/counts", "GET /api/v1/orders/counts, API key", api=True
        ),
        search("search_code_p95_ms", picks.code, "order code"),
        search("search_full_phone_p95_ms", picks.full_phone, "full phone"),
        search("search_email_p95_ms", picks.email, "e-mail"),
        search("search_phone_p95_ms", picks.phone_fragment, "phone fragment"),
        search("search_name_p95_ms", picks.name_fragment, "accent-free name fragment"),
        search(
            "search_common_term_p95_ms",
            picks.common_term,
            f"common term (in {picks.common_share:.0%} of sampled orders)",
        ),
    ]


def inprocess_client(session_key: str) -> Client:
    """Django's test client on the same settings and database, signed in with the session."""
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=True)
    client.cookies["sessionid"] = session_key
    return client


def capture_get(client: Client, path: str, headers: dict) -> list[Statement]:
    """The SQL one GET sends, from an in-process run of it (after one to warm up)."""
    client.get(path, headers=headers)
    response, statements = capture(lambda: client.get(path, headers=headers))
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} in-process")
    return statements


class ReadTimer:
    """Times reads over HTTP for the signed-in admin, each with its raw-SQL baseline."""

    def __init__(self, *, http: HttpClient, session_key: str, api_key: str, raw: RawConnection):
        self.http, self.raw = http, raw
        self.api_headers = {"Authorization": f"Bearer {api_key}"}
        self.inprocess = inprocess_client(session_key)

    def headers(self, read: Read) -> dict:
        return {**read.headers, **(self.api_headers if read.api else {})}

    def time(self, read: Read, *, warmup: int, reps: int):
        """(HTTP timing, raw-SQL timing, errors, statements) over `reps` alternating runs."""
        headers = self.headers(read)
        statements = capture_get(self.inprocess, read.path, headers)
        http_seconds, raw_seconds, errors = [], [], []
        for run in range(warmup + reps):
            answer = self.http.get(read.path, headers=headers)
            replay = self.raw.replay(statements)
            if answer.status != 200:
                errors.append(f"{read.path} answered {answer.status}")
            elif run >= warmup:
                http_seconds.append(answer.seconds)
                raw_seconds.append(replay)
        if not http_seconds:
            raise RuntimeError(errors[0] if errors else f"no timing for {read.path}")
        return Timing.of_seconds(http_seconds), Timing.of_seconds(raw_seconds), errors, statements

    def measure(self, recorder: Recorder, read: Read, *, warmup: int, reps: int) -> None:
        http, raw, errors, statements = self.time(read, warmup=warmup, reps=reps)
        note = read.note + (f"; {len(errors)} errors: {errors[0]}" if errors else "")
        record_http(recorder, read.name, http, raw, len(statements), note)


def record_http(recorder, name: str, http: Timing, raw: Timing, statements: int, note: str):
    recorder.add(
        name,
        http.p95_ms,
        timing=http.as_dict(),
        raw_sql={"what": f"the request's {statements} SQL statements", **raw.as_dict()},
        ratio=ratio(http.p95_ms, raw.p95_ms),
        note=note,
    )


def reads_run(timer: ReadTimer, recorder: Recorder, picks, *, warmup: int, reps: int) -> None:
    for read in list_reads(picks):
        print(f"  {read.name}: {read.path[:90]}", flush=True)
        try:
            timer.measure(recorder, read, warmup=warmup, reps=reps)
        except Exception as error:  # one failing read must not hide the others
            recorder.skip(read.name, f"failed: {error}")


def report_run(timer: ReadTimer, recorder: Recorder, *, warmup: int, reps: int) -> None:
    """The reports page for the last 12 months; skipped cleanly until /reports/ exists."""
    name = "report_page_p95_ms"
    today = timezone.localdate()
    path = "/reports/?" + urlencode(
        {"from": (today - timedelta(days=364)).isoformat(), "to": today.isoformat()}
    )
    probe = timer.http.get(path)
    if probe.status == 404:
        recorder.skip(name, "/reports/ answers 404: the reports page has not landed yet")
        return
    read = Read(name, path, "full page /reports/, the last 12 months (from/to)")
    timer.measure(recorder, read, warmup=warmup, reps=reps)
