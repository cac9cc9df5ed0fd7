"""Realistic demo data: Vietnamese and international customers, orders through every status
with payments, refunds and timelines, and consultation requests.

Written straight into the tables in big batches (COPY on PostgreSQL), fast enough for a
million orders, while keeping every invariant the services keep: totals, ledger sums, payment
status, search text, status timestamps, timeline events and the status counters.
"""

from orderdesk.demo.runner import DemoResult, generate_demo_data

__all__ = ["DemoResult", "generate_demo_data"]
