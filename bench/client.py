"""A keep-alive HTTP client on the standard library (http.client), as a browser tab or an
integration talks to the server: one connection reused, cookies kept, every request timed
from sending it to having read the whole answer.

No dependency: requests and httpx would add their own overhead to every timing, and neither
is installed by `make install`.
"""

import html
import http.client
import json
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

# The server closes an idle keep-alive connection after a few seconds (gunicorn's keepalive);
# a browser then silently opens a new one and sends the request again. So do we, once.
STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float
    size: int  # bytes read (the body is not kept when streamed with discard=True)
    lines: int  # newlines read, counted only with discard=True

    def json(self):
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class HttpClient:
    def __init__(self, host: str, port: int, *, headers: dict | None = None, timeout=300):
        self.host, self.port, self.timeout = host, port, timeout
        self.headers = dict(headers or {})
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.reconnects = 0

    def _connect(self) -> http.client.HTTPConnection:
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        self.connection.connect()
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict | None = None,
        discard: bool = False,
    ) -> Response:
        all_headers = {**self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        reused = self.connection is not None
        connection = self.connection or self._connect()
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            answer = connection.getresponse()
        except STALE_CONNECTION:
            self.close()
            if not reused:
                raise
            self.reconnects += 1
            return self.request(method, path, body=body, headers=headers, discard=discard)
        size = lines = 0
        if discard:
            while chunk := answer.read(256 * 1024):
                size += len(chunk)
                lines += chunk.count(b"\n")
            content = b""
        else:
            content = answer.read()
            size = len(content)
        seconds = time.perf_counter() - started
        self._keep_cookies(answer.headers)
        if answer.will_close:
            self.close()
        return Response(answer.status, answer.headers, content, seconds, size, lines)

    def get(self, path: str, params: dict | None = None, **kwargs) -> Response:
        if params:
            path = f"{path}?{urlencode(params, doseq=True)}"
        return self.request("GET", path, **kwargs)

    def post_json(self, path: str, data, *, headers: dict | None = None) -> Response:
        body = json.dumps(data, ensure_ascii=False).encode()
        return self.request(
            "POST", path, body=body, headers={"Content-Type": "application/json", **(headers or {})}
        )

    def _keep_cookies(self, headers: http.client.HTTPMessage) -> None:
        for raw in headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(raw)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value

    def login(self, username: str, password: str) -> None:
        """Sign in through Django's login form, as a browser does (CSRF cookie and token)."""
        page = self.get("/login/")
        found = CSRF_FIELD.search(page.body.decode())
        if page.status != 200 or not found:
            raise RuntimeError(f"GET /login/ answered {page.status} without a CSRF token")
        form = urlencode(
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": html.unescape(found.group(1)),
            }
        ).encode()
        answer = self.request(
            "POST",
            "/login/",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed: POST /login/ answered {answer.status}")
