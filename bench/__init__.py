"""Orderdesk's benchmark (issue #7): `make bench`, `make bench-quick`; see bench/README.md."""
