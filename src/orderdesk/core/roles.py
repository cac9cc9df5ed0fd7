"""Roles and what each may do: the permission matrix of docs/permissions.md, in one place.

Staff users get a role as their Django group; API keys carry a role name. The groups are made
from this table by a migration, and API keys are checked against it directly.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ADMIN = "admin"
    OPERATIONS = "operations"
    SALES = "sales"
    CUSTOMER_CARE = "customer_care"
    INTAKE = "intake"  # API keys only: shops and call-centre tools pushing orders and requests in


ROLE_LABELS = {
    Role.ADMIN: _("Admin"),
    Role.OPERATIONS: _("Operations"),
    Role.SALES: _("Sales"),
    Role.CUSTOMER_CARE: _("Customer care"),
    Role.INTAKE: _("Intake (API keys only)"),
}

STAFF_ROLES = (Role.ADMIN, Role.OPERATIONS, Role.SALES, Role.CUSTOMER_CARE)


class Perm(StrEnum):
    """Every permission Orderdesk checks, as Django's "app_label.codename"."""

    VIEW_ORDERS = "orders.view_order"
    VIEW_OWN_ORDERS = "orders.view_own_order"
    CREATE_ORDERS = "orders.add_order"
    EDIT_ORDERS = "orders.change_order"
    EDIT_COMPLETED_ORDERS = "orders.edit_completed_order"
    CONFIRM_ORDERS = "orders.confirm_order"
    FULFIL_ORDERS = "orders.fulfil_order"
    CANCEL_ORDERS = "orders.cancel_order"
    CANCEL_SHIPPING_ORDERS = "orders.cancel_shipping_order"
    ANNOTATE_ORDERS = "orders.annotate_order"
    RECORD_PAYMENTS = "orders.record_payment"
    RECORD_REFUNDS = "orders.record_refund"
    BULK_ORDERS = "orders.bulk_order"
    EXPORT_AND_REPORTS = "orders.export_order"
    RECONCILE_PAYMENTS = "orders.reconcile_payments"
    VIEW_CONSULTATIONS = "consultations.view_consultationrequest"
    CREATE_CONSULTATIONS = "consultations.add_consultationrequest"
    PROCESS_CONSULTATIONS = "consultations.process_consultationrequest"
    MANAGE_SYSTEM = "accounts.manage_system"

    @property
    def codename(self) -> str:
        return self.value.split(".", 1)[1]

    @property
    def app_label(self) -> str:
        return self.value.split(".", 1)[0]


_EVERYTHING_BUT_OWN = frozenset(Perm) - {Perm.VIEW_OWN_ORDERS}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.ADMIN: _EVERYTHING_BUT_OWN,
    Role.OPERATIONS: frozenset(
        {
            Perm.VIEW_ORDERS,
            Perm.CREATE_ORDERS,
            Perm.EDIT_ORDERS,
            Perm.CONFIRM_ORDERS,
            Perm.FULFIL_ORDERS,
            Perm.CANCEL_ORDERS,
            Perm.CANCEL_SHIPPING_ORDERS,
            Perm.ANNOTATE_ORDERS,
            Perm.RECORD_PAYMENTS,
            Perm.RECORD_REFUNDS,
            Perm.BULK_ORDERS,
            Perm.EXPORT_AND_REPORTS,
            Perm.RECONCILE_PAYMENTS,
            Perm.VIEW_CONSULTATIONS,
        }
    ),
    Role.SALES: frozenset(
        {
            Perm.VIEW_ORDERS,
            Perm.CREATE_ORDERS,
            Perm.EDIT_ORDERS,
            Perm.CONFIRM_ORDERS,
            Perm.CANCEL_ORDERS,
            Perm.ANNOTATE_ORDERS,
            Perm.RECORD_PAYMENTS,
            Perm.EXPORT_AND_REPORTS,
            Perm.VIEW_CONSULTATIONS,
            Perm.CREATE_CONSULTATIONS,
            Perm.PROCESS_CONSULTATIONS,
        }
    ),
    Role.CUSTOMER_CARE: frozenset(
        {
            Perm.VIEW_ORDERS,
            Perm.CANCEL_ORDERS,
            Perm.ANNOTATE_ORDERS,
            Perm.VIEW_CONSULTATIONS,
            Perm.CREATE_CONSULTATIONS,
            Perm.PROCESS_CONSULTATIONS,
        }
    ),
    Role.INTAKE: frozenset({Perm.VIEW_OWN_ORDERS, Perm.CREATE_ORDERS, Perm.CREATE_CONSULTATIONS}),
}
