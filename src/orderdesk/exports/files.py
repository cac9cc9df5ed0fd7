"""Writing an export to a file: atomically, never over an existing file, with its SHA-256."""

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from orderdesk.core.exporting import Exporter, csv_chunks, xlsx_write


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _partial_prefix(target: Path) -> str:
    return f".{target.name}.partial-"


def remove_partials(target: Path) -> None:
    """Delete what a killed writer of `target` left behind (kill -9 skips every cleanup).

    Only for a caller that alone may write `target`, such as the holder of a schedule's period."""
    for leftover in target.parent.glob(_partial_prefix(target) + "*"):
        leftover.unlink(missing_ok=True)


def export_to_file(
    exporter: Exporter,
    target: Path,
    *,
    fmt: str,
    delimiter: str = ",",
    bom: bool = False,
    progress: Callable[[int], None] | None = None,
    replace: bool = True,
) -> int:
    """Write the export to `target`; returns the row count.

    The file appears complete or not at all (written next to it, then moved into place). With
    replace=False an existing `target` is kept and FileExistsError raised: a scheduled period's
    file is never rewritten.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, moved into place)
        dir=target.parent, prefix=_partial_prefix(target), suffix=target.suffix, delete=False
    )
    temporary = Path(handle.name)
    try:
        with handle:
            if fmt == "xlsx":
                # The exporter itself, not a wrapper: on PostgreSQL its COPY is the fast path.
                rows = xlsx_write(exporter, handle, on_rows=progress)
            else:
                written = [0]

                def on_rows(count: int) -> None:
                    written[0] = count
                    if progress:
                        progress(count)

                for chunk in csv_chunks(exporter, delimiter=delimiter, bom=bom, on_rows=on_rows):
                    handle.write(chunk)
                rows = written[0]
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # fails if target exists: no silent overwrite
            temporary.unlink()
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return rows
