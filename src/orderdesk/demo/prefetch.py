"""Run an iterator one step ahead in a thread: prepare batch n+1 while batch n is written.

Python generating rows and PostgreSQL ingesting them are two processes; with this they use the
machine's two cores at once instead of taking turns. The thread has its own database connection
(Django connections are per thread) and closes it when done.
"""

import contextlib
import queue
import threading
from collections.abc import Iterable, Iterator

from django.db import connections

_DONE = object()


def prefetched[T](source: Iterable[T], depth: int = 1) -> Iterator[T]:
    """Items of `source`, produced in a background thread at most `depth` ahead."""
    handoff: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in source:
                if stop.is_set():
                    return
                handoff.put((item, None))
            handoff.put((_DONE, None))
        except BaseException as error:  # handed to the consumer, which re-raises it
            handoff.put((_DONE, error))
        finally:
            connections.close_all()

    worker = threading.Thread(target=produce, name="demo-data-producer", daemon=True)
    worker.start()
    try:
        while True:
            item, error = handoff.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        # Unblock a producer waiting to hand over, then let it finish its connection.
        while worker.is_alive():
            with contextlib.suppress(queue.Empty):
                handoff.get(timeout=0.1)
        worker.join()
