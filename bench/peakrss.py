"""`python -m bench.peakrss FILE COMMAND…`: run COMMAND, then write its peak resident memory
(kilobytes) to FILE; exits with COMMAND's status.

Why a process in between: Linux carries the peak RSS across fork and exec, so a command the
bench started itself would report at least the bench's own memory (hundreds of MB after a
run's reads). Forked from this small process, the command reports its own peak.
"""

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    output, command = argv[0], argv[1:]
    child = os.fork()
    if child == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(child, 0)
    Path(output).write_text(str(usage.ru_maxrss))  # kilobytes on Linux
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
