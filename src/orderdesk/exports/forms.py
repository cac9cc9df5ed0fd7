from django import forms
from django.utils.translation import gettext_lazy as _

from orderdesk.exports.datasets import DATASETS
from orderdesk.exports.models import ExportSchedule, Format, Frequency

DELIMITER_CHOICES = [(",", _("Comma")), (";", _("Semicolon")), ("\t", _("Tab"))]


class ScheduleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    dataset = forms.ChoiceField(
        label=_("Data"), choices=[(d.name, d.label) for d in DATASETS.values()]
    )
    filters = forms.CharField(
        label=_("Filters"),
        required=False,
        max_length=2000,
        help_text=_("As in the list's address, e.g. status=delivered&channel=web; empty for all."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    delimiter = forms.ChoiceField(label=_("CSV delimiter"), choices=DELIMITER_CHOICES)
    bom = forms.BooleanField(label=_("BOM for Excel"), required=False)
    frequency = forms.ChoiceField(label=_("Every"), choices=Frequency.choices)
    run_at = forms.TimeField(
        label=_("Run at"),
        initial="01:00",
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Business time zone, after the period has ended."),
    )
    folder = forms.CharField(
        label=_("Folder"), max_length=500, help_text=_("Absolute path on the server.")
    )
    only_changed = forms.BooleanField(
        label=_("Only what changed"),
        required=False,
        help_text=_("Rows changed during the period instead of rows created in it."),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if ExportSchedule.objects.filter(name=name).exists():
            raise forms.ValidationError(_("A scheduled export with this name exists."))
        return name
