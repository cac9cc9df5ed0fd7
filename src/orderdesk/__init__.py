"""Orderdesk: an order and consultation desk for businesses."""

__version__ = "0.1.0"
