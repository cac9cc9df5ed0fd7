"""`python -m bench [--quick] [--orders N] …` (the Makefile's `bench` and `bench-quick`)."""

import sys

from bench.config import environment_prepare, parse_args


def main(argv: list[str] | None = None) -> int:
    config = parse_args(argv)
    data_dir = environment_prepare(config)  # before Django reads its settings
    import django

    django.setup()
    from bench.runner import run

    run(config, data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
