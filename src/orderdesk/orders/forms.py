"""Web forms for orders. They only shape what a person typed into the domain's inputs;
every rule is checked again by the services, whose field errors come back onto these forms."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from orderdesk.core.money import MoneyError, parse_local_amount
from orderdesk.orders import domain
from orderdesk.orders.models import Channel, PaymentKind, PaymentMethod
from orderdesk.orders.services.editing import OrderChanges

MAX_ITEM_ROWS = domain.MAX_ITEMS


def staff_choices():
    users = get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct()
    return [("", _("Unassigned"))] + [
        (u.username, u.get_username()) for u in users.order_by("username")
    ]


class LocalAmountField(forms.CharField):
    """An amount typed as the page's language writes it (1.250.000 in Vietnamese), cleaned to
    the plain decimal string the services read (1250000). The services check the rest."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            return parse_local_amount(value, get_language())
        except MoneyError:
            raise forms.ValidationError(
                _("Enter an amount such as %(whole)s or %(decimal)s."),
                code="invalid",
                params={
                    "whole": number_format(150000, force_grouping=True),
                    "decimal": number_format(Decimal("19.99"), decimal_pos=2),
                },
            ) from None


class OrderForm(forms.Form):
    customer_name = forms.CharField(label=_("Customer name"), max_length=200)
    customer_phone = forms.CharField(label=_("Phone"), max_length=40)
    customer_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    ship_recipient = forms.CharField(label=_("Recipient"), max_length=200)
    ship_phone = forms.CharField(label=_("Recipient phone"), max_length=40)
    ship_line1 = forms.CharField(label=_("Address"), max_length=255)
    ship_line2 = forms.CharField(label=_("Address line 2"), max_length=255, required=False)
    ship_ward = forms.CharField(label=_("Ward / commune"), max_length=120, required=False)
    ship_district = forms.CharField(
        label=_("District"),
        max_length=120,
        required=False,
        help_text=_("Only in addresses written before July 2025; leave it empty otherwise."),
    )
    ship_city = forms.CharField(label=_("City"), max_length=120, required=False)
    ship_province = forms.CharField(label=_("Province"), max_length=120, required=False)
    ship_postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    ship_country = forms.CharField(label=_("Country"), max_length=2, initial="VN")
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)
    shipping_fee = LocalAmountField(label=_("Shipping fee"), required=False, initial="0")
    discount = LocalAmountField(label=_("Discount"), required=False, initial="0")
    note = forms.CharField(
        label=_("Customer note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separate tags with commas.")
    )
    assigned_to = forms.ChoiceField(label=_("Assignee"), required=False)
    carrier = forms.CharField(label=_("Carrier"), max_length=100, required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=100, required=False)
    reason = forms.CharField(
        label=_("Reason for editing a completed order"), max_length=1000, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Domain field names (from ValidationFailed.errors) → this form's fields.
    ERROR_FIELDS = {
        "customer.name": "customer_name",
        "customer.phone": "customer_phone",
        "customer.email": "customer_email",
        **{f"shipping_address.{k}": f"ship_{k}" for k in domain.ADDRESS_KEYS},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = staff_choices()

    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]

    def customer(self) -> domain.CustomerIn:
        d = self.cleaned_data
        return domain.CustomerIn(
            d["customer_name"], d["customer_phone"], d.get("customer_email", "")
        )

    def address(self) -> domain.AddressIn:
        d = self.cleaned_data
        return domain.AddressIn(**{k: d.get(f"ship_{k}", "") for k in domain.ADDRESS_KEYS})

    def _common(self, items: list[domain.ItemIn]) -> dict:
        d = self.cleaned_data
        return {
            "customer": self.customer(),
            "shipping_address": self.address(),
            "items": items,
            "shipping_fee": d.get("shipping_fee") or "0",
            "discount": d.get("discount") or "0",
            "note": d.get("note", ""),
            "tags": self.tag_list(),
            "assigned_to": d.get("assigned_to") or None,
        }

    def order_in(self, items: list[domain.ItemIn]) -> domain.OrderIn:
        return domain.OrderIn(**self._common(items), channel=self.cleaned_data["channel"])

    def changes(self, items: list[domain.ItemIn]) -> OrderChanges:
        d = self.cleaned_data
        return OrderChanges(
            **self._common(items),
            carrier=d.get("carrier", ""),
            tracking_number=d.get("tracking_number", ""),
        )

    def add_domain_errors(self, errors: list[dict]) -> list[str]:
        """Put the service's field errors next to their fields; return those about items."""
        item_errors = []
        for error in errors:
            name = self.ERROR_FIELDS.get(error["field"], error["field"])
            if name in self.fields:
                self.add_error(name, error["message"])
            elif name.startswith("items"):
                item_errors.append(error)
            else:
                self.add_error(None, error["message"])
        return item_errors


class ItemForm(forms.Form):
    sku = forms.CharField(label=_("SKU"), max_length=64, required=False)
    name = forms.CharField(label=_("Item"), max_length=255, required=False)
    quantity = forms.CharField(label=_("Qty"), required=False, initial="1")
    unit_price = LocalAmountField(label=_("Unit price"), required=False)

    def is_blank(self) -> bool:
        d = self.cleaned_data
        return not any((d.get("sku"), d.get("name"), d.get("unit_price")))


ItemFormSet = forms.formset_factory(ItemForm, extra=0, max_num=MAX_ITEM_ROWS, validate_max=True)


def items_from_formset(formset) -> list[domain.ItemIn]:
    return [
        domain.ItemIn(
            name=f.cleaned_data.get("name", ""),
            quantity=f.cleaned_data.get("quantity") or "1",
            unit_price=f.cleaned_data.get("unit_price") or "",
            sku=f.cleaned_data.get("sku", ""),
        )
        for f in formset.forms
        if f.cleaned_data and not f.is_blank()
    ]


class TransitionForm(forms.Form):
    to = forms.CharField(max_length=30)
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)
    carrier = forms.CharField(label=_("Carrier"), max_length=100, required=False)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=100, required=False)
    version = forms.IntegerField(required=False)


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(choices=PaymentKind.choices, widget=forms.HiddenInput)
    amount = LocalAmountField(label=_("Amount"), max_length=30)
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    reference = forms.CharField(label=_("Reference"), max_length=255, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    assigned_to = forms.ChoiceField(label=_("Assignee"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = staff_choices()


class TagForm(forms.Form):
    add = forms.CharField(label=_("Add tag"), max_length=50, required=False)
    remove = forms.CharField(max_length=50, required=False)
