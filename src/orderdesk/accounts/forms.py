from django import forms
from django.utils.translation import gettext_lazy as _

from orderdesk.core.roles import ROLE_LABELS, STAFF_ROLES, Role


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, ROLE_LABELS[r]) for r in STAFF_ROLES]
    )


class UserUpdateForm(forms.Form):
    role = forms.ChoiceField(
        choices=[(r.value, ROLE_LABELS[r]) for r in STAFF_ROLES], required=False
    )
    active = forms.ChoiceField(choices=[("", ""), ("1", "1"), ("0", "0")], required=False)


class ApiKeyCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, ROLE_LABELS[r]) for r in Role])
