"""A command's own peak memory, not the memory of the process that started it."""

import subprocess
import sys

from bench.config import REPO_DIR

ALLOCATE_60_MB = "x = bytearray(60 << 20)\nfor i in range(0, len(x), 4096): x[i] = 1"


def test_given_a_command_then_its_own_peak_rss_is_written(tmp_path):
    output = tmp_path / "peak"

    finished = subprocess.run(
        [sys.executable, "-m", "bench.peakrss", str(output), sys.executable, "-c", ALLOCATE_60_MB],
        cwd=REPO_DIR,
        check=False,
    )

    assert finished.returncode == 0
    peak_mb = int(output.read_text()) / 1024
    assert 60 <= peak_mb < 100


def test_given_a_failing_command_then_its_exit_status_is_passed_on(tmp_path):
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.peakrss",
            str(tmp_path / "peak"),
            sys.executable,
            "-c",
            "raise SystemExit(3)",
        ],
        cwd=REPO_DIR,
        check=False,
    )

    assert finished.returncode == 3
