"""What matching concluded about a statement line, and why, in words a person can act on.

Pure Python: the matcher stores a reason code and its data; the words are made when a page or
an export is shown, in the reader's language.
"""

from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Outcome(StrEnum):
    MATCHED = "matched"  # one order, amount equals its balance due: confirming records it
    AMOUNT_DIFFERS = "amount_differs"  # the order is named, but the amount is not its balance
    UNMATCHED = "unmatched"  # no order, several possible orders, or an order that cannot take it
    ALREADY_RECORDED = "already_recorded"  # the same line was recorded from an earlier statement

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self])


OUTCOME_LABELS = {
    Outcome.MATCHED: gettext_lazy("Matched"),
    Outcome.AMOUNT_DIFFERS: gettext_lazy("Amount differs"),
    Outcome.UNMATCHED: gettext_lazy("Unmatched"),
    Outcome.ALREADY_RECORDED: gettext_lazy("Already recorded"),
}


class MatchedBy(StrEnum):
    CODE = "code"  # an order code in the reference, description or order-code column
    AMOUNT_DATE = "amount_date"  # the only open order with this balance around this date

    @property
    def label(self) -> str:
        return str(MATCHED_BY_LABELS[self])


MATCHED_BY_LABELS = {
    MatchedBy.CODE: gettext_lazy("Order code"),
    MatchedBy.AMOUNT_DATE: gettext_lazy("Amount and date"),
}


class Reason(StrEnum):
    """Why a line is not simply matched; `data` holds the values the sentence needs."""

    NOT_A_PAYMENT = "not_a_payment"
    NO_ORDER = "no_order"
    CODE_NOT_FOUND = "code_not_found"  # codes: the codes named that no order has
    SEVERAL_CODES = "several_codes"  # codes
    CANCELLED = "cancelled"  # code
    OTHER_CURRENCY = "other_currency"  # code, currency
    AMBIGUOUS = "ambiguous"  # codes: the open orders that fit
    CONTESTED = "contested"  # code: the one order several lines fit
    PARTIAL_OR_OVER = "partial_or_over"  # the amount is not the balance due
    RECORDED_BEFORE = "recorded_before"  # statement, line


def _codes(data: dict) -> str:
    codes = data.get("codes", [])
    shown = ", ".join(codes[:5])
    return shown + (_(" and %d more") % (len(codes) - 5) if len(codes) > 5 else "")


def reason_text(reason: str, data: dict) -> str:
    """The sentence shown beside a line on the result page and in the CSV."""
    if not reason:
        return ""
    data = data or {}
    match Reason(reason):
        case Reason.NOT_A_PAYMENT:
            return _("Zero or negative: not money received.")
        case Reason.NO_ORDER:
            return _("No order code, and no single open order of this amount around this date.")
        case Reason.CODE_NOT_FOUND:
            return _(
                "No order %(codes)s, and no single open order of this amount around this date."
            ) % {"codes": _codes(data)}
        case Reason.SEVERAL_CODES:
            return _("Names several orders (%(codes)s): record it by hand.") % {
                "codes": _codes(data)
            }
        case Reason.CANCELLED:
            return _("%(code)s is cancelled.") % {"code": data.get("code", "")}
        case Reason.OTHER_CURRENCY:
            return _("%(code)s is in %(currency)s, not the statement's currency.") % {
                "code": data.get("code", ""),
                "currency": data.get("currency", ""),
            }
        case Reason.AMBIGUOUS:
            return _("Several open orders have this amount around this date: %(codes)s.") % {
                "codes": _codes(data)
            }
        case Reason.CONTESTED:
            return _("Other lines of this statement fit %(code)s as well.") % {
                "code": data.get("code", "")
            }
        case Reason.PARTIAL_OR_OVER:
            return _("The amount is not the balance due: record it by hand if it is right.")
        case Reason.RECORDED_BEFORE:
            return _("Recorded from statement %(statement)s, line %(line)s.") % {
                "statement": data.get("statement", ""),
                "line": data.get("line", ""),
            }
