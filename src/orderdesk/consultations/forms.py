"""Forms for consultation requests: the public request form and the staff's small forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from orderdesk.consultations.models import Source
from orderdesk.consultations.status import ConsultationStatus
from orderdesk.core.phone import is_plausible_phone
from orderdesk.orders.forms import staff_choices


class PublicRequestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail (optional)"), required=False, max_length=254)
    subject = forms.CharField(label=_("Product or topic"), max_length=255, required=False)
    message = forms.CharField(
        label=_("Your question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    preferred_contact_time = forms.CharField(
        label=_("When should we call you? (optional)"), max_length=120, required=False
    )
    # Spam protection: a field people never see, and when the form was handed out (signed).
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )
    started = forms.CharField(widget=forms.HiddenInput)
    origin = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def clean_phone(self) -> str:
        # Checked here too, so a person sees every problem at once, not one round at a time.
        phone = self.cleaned_data["phone"]
        if not is_plausible_phone(phone):
            raise forms.ValidationError(_("Enter a phone number with 7 to 15 digits."))
        return phone


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=[(s.value, s.label) for s in ConsultationStatus])
    note = forms.CharField(required=False, max_length=5000)


class AssignForm(forms.Form):
    assigned_to = forms.ChoiceField(label=_("Assignee"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = staff_choices()


class FollowUpForm(forms.Form):
    follow_up_at = forms.DateTimeField(
        label=_("Follow up at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    note = forms.CharField(required=False, max_length=1000)


SOURCE_CHOICES = Source.choices
