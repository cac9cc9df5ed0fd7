"""`orderdesk serve` on a free local port: started, waited for, and stopped cleanly."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"
READY_PATH = "/login/"


def free_port() -> int:
    """A port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """The production server as `make run` starts it: gunicorn (gthread) plus a task worker.

    Used as a context manager; its output goes to `log_path`.
    """

    def __init__(self, *, workers: int, log_dir: Path, task_worker: bool = True):
        self.workers = workers
        self.task_worker = task_worker
        self.port = free_port()
        self.log_path = log_dir / f"server-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 90) -> None:
        command = [
            sys.executable, "-m", "orderdesk.cli", "serve",
            "--host", HOST, "--port", str(self.port), "--workers", str(self.workers),
        ]  # fmt: skip
        if not self.task_worker:
            command.append("--no-worker")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        # Its own process group, so that a server which does not stop on SIGTERM can be ended
        # with its gunicorn workers, and nothing else.
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"orderdesk serve exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", READY_PATH)
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"orderdesk serve was not ready in {timeout:.0f} s; see {self.log_path}")

    def gunicorn_worker_pids(self) -> list[int]:
        """The gunicorn worker processes (grandchildren: serve → gunicorn master → workers)."""
        if self.process is None:
            return []
        children = _children_by_parent()
        masters = [pid for pid in children.get(self.process.pid, []) if "gunicorn" in _cmdline(pid)]
        return [worker for master in masters for worker in children.get(master, [])]

    def stop(self, timeout: float = 40) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # serve passes it on to gunicorn and the worker
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (2nd field) is in parentheses and may hold spaces.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    return children


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def rss_mb(pid: int) -> float:
    """Resident memory of a process now, in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
