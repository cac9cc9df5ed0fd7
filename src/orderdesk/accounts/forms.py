from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from orderdesk.accounts.preferences import LANGUAGE_NAMES, language_codes
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


class ProfileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = LANGUAGE_NAMES.get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)
        self.fields["language"].choices = [
            ("", _("Default of this installation (%(language)s)") % {"language": default}),
            *((code, LANGUAGE_NAMES.get(code, code)) for code in language_codes()),
        ]
