"""Web forms for reconciliation: they shape input; the services check it again."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from orderdesk.reconciliation.models import StatementProfile
from orderdesk.reconciliation.parsing import MAX_UPLOAD_BYTES
from orderdesk.reconciliation.services import MAX_WINDOW_DAYS, PROFILE_FIELDS

MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)


def too_large_message() -> str:
    return str(_("The file is larger than %d MB; split the statement.") % MAX_UPLOAD_MB)


class StatementUploadForm(forms.Form):
    profile = forms.ModelChoiceField(
        label=_("Statement profile"), queryset=StatementProfile.objects.order_by("name")
    )
    file = forms.FileField(
        label=_("Statement file (CSV)"), help_text=_("At most %d MB.") % MAX_UPLOAD_MB
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload


class StatementProfileForm(forms.ModelForm):
    date_window_days = forms.IntegerField(
        label=_("Date window (days)"),
        min_value=0,
        max_value=MAX_WINDOW_DAYS,
        initial=3,
        help_text=StatementProfile._meta.get_field("date_window_days").help_text,
    )

    class Meta:
        model = StatementProfile
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["currency"].initial = settings.ORDERDESK_CURRENCY

    def validate_unique(self):
        """The service checks the name (case-insensitively) and says so on the field."""
