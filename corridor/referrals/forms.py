"""Forms of the referral pages. Nothing needs JavaScript: the new-referral form goes step by step, each step
posting what the previous ones chose again (hidden), so that nothing about the person is put in an address."""
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from corridor.coordination.coverage import ancestor_paths
from corridor.coordination.forms_analysis import territory_label
from corridor.core.languages import language_choices
from corridor.directory.models import Service
from corridor.directory.vocabularies import CATEGORY, TARGET_GROUP

from . import pathways
from .models import Consent, Pathway, PathwayStep, Referral, ReferralSettings

GENDERS = [("", _("Not said")), (pathways.WOMAN, _("Woman")), (pathways.MAN, _("Man"))]


def apply_errors(form, error: ValidationError) -> None:
    """Show a domain ValidationError on the form: under each field it names, above the form otherwise."""
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class NeedForm(forms.Form):
    """Step 1: the need, and what helps choose an eligible service. Used to find services, not stored."""

    need = forms.ChoiceField(label=_("Need"), choices=[("", "—")] + CATEGORY.choices)
    target_group = forms.ChoiceField(label=_("The person is"), required=False,
                                     choices=[("", _("Not said"))] + TARGET_GROUP.choices)
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=GENDERS)
    spoken = forms.MultipleChoiceField(label=_("Languages the person speaks"), required=False,
                                       widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spoken"].choices = language_choices()

    def person(self) -> pathways.Person:
        data = self.cleaned_data
        return pathways.Person(target_group=data["target_group"], age=data["age"], gender=data["gender"],
                               languages=tuple(data["spoken"]))


class ServiceForm(forms.Form):
    """Step 2: the service among those offered, and what the person agrees to share, with whom."""

    service = forms.ChoiceField(label=_("Refer to"), widget=forms.RadioSelect)
    fields = forms.MultipleChoiceField(
        label=_("Besides a pseudonymous reference, how to contact them and the reason, the person agrees to share"),
        required=False, widget=forms.CheckboxSelectMultiple)
    organisations = forms.MultipleChoiceField(
        label=_("The person also agrees that the referral may be forwarded, with this data, to"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Forwarded elsewhere, the referral carries no personal data: the new service works with you."))
    consent_language = forms.ChoiceField(label=_("Language of the consent text"), choices=settings.LANGUAGES)

    def __init__(self, *args, offer: pathways.Offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = {str(option.service.pk): option.service for option in offer.offered}
        self.fields["service"].choices = [(pk, f"{s.name} – {s.organisation.name}") for pk, s in self.offered.items()]
        self.fields["fields"].choices = [(name, capfirst(Referral._meta.get_field(name).verbose_name))
                                         for name in Referral.CONSENTED_FIELDS]
        organisations = {s.organisation.pk: s.organisation for s in self.offered.values()}
        self.organisations = {str(pk): o for pk, o in organisations.items()}
        self.fields["organisations"].choices = [(pk, o.name) for pk, o in sorted(self.organisations.items(),
                                                                                  key=lambda item: item[1].name)]

    def chosen_service(self) -> Service:
        return self.offered[self.cleaned_data["service"]]

    def chosen_organisations(self) -> list:
        receiver = self.chosen_service().organisation_id
        return [self.organisations[pk] for pk in self.cleaned_data["organisations"]
                if self.organisations[pk].pk != receiver]


class DataForm(forms.Form):
    """Step 3: the consent given, the referral, and the person's data the consent covers."""

    consent_given = forms.BooleanField(label=_("The person read or heard this text and agrees"))
    method = forms.ChoiceField(label=_("How"), choices=Consent.Method.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Referral.Urgency.choices, initial=Referral.Urgency.NORMAL)
    reason = forms.CharField(label=_("Reason for the referral"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("What the service needs to know to help. Keep it short."))
    reference = forms.CharField(label=_("Pseudonymous reference"), max_length=60,
                                help_text=_("Your own code for the person, never their name."))
    contact_preference = forms.ChoiceField(label=_("How the service should contact the person"),
                                           choices=Referral.ContactPreference.choices)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False,
                                          widget=forms.SelectMultiple(attrs={"size": 6}))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, covered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.covered = set(covered)

    def referral_fields(self):
        return [self[name] for name in ("urgency", "reason", "reference", "contact_preference")]

    def personal_fields(self):
        """The fields the consent covers, the only ones shown."""
        return [self[name] for name in Referral.CONSENTED_FIELDS if name in self.covered]

    def personal(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in Referral.PERSONAL_FIELDS}


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the other organisation (optional)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class DeclineForm(NoteForm):
    reason = forms.ChoiceField(label=_("Why"), choices=[("", "—")] + Referral.DeclineReason.choices)
    field_order = ["reason", "note"]


class AppointmentForm(NoteForm):
    appointment_at = forms.DateTimeField(label=_("Date and time"),
                                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                    format="%Y-%m-%dT%H:%M"),
                                         input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    field_order = ["appointment_at", "note"]


class ForwardForm(NoteForm):
    service = forms.ChoiceField(label=_("Forward to"))
    field_order = ["service", "note"]

    def __init__(self, *args, options, consent, **kwargs):
        super().__init__(*args, **kwargs)
        covered = set(consent.organisations.values_list("pk", flat=True)) if consent.withdrawn_at is None else set()
        self.services = {str(option.service.pk): option.service for option in options}
        self.fields["service"].choices = [("", "—")] + [
            (pk, f"{s.name} – {s.organisation.name}" + ("" if s.organisation_id in covered
                                                       else " " + str(_("(without personal data)"))))
            for pk, s in self.services.items()]

    def chosen_service(self):
        return self.services.get(self.cleaned_data.get("service"))


ACTION_FORMS = {"decline": DeclineForm, "set_appointment": AppointmentForm, "forward": ForwardForm}


class PathwayForm(forms.ModelForm):
    """A pathway of one territory (given by the page, not chosen here)."""

    class Meta:
        model = Pathway
        fields = ["category", "target_group", "note", "content_language"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.territory = territory
        self.fields["content_language"].widget = forms.Select(choices=settings.LANGUAGES)
        self.fields["content_language"].label = _("Language of the note")

    def clean(self):
        data = super().clean()
        taken = Pathway.objects.filter(territory=self.territory, category=data.get("category"),
                                       target_group=data.get("target_group") or "").exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This territory already has a pathway for this need and group: edit it."))
        return data


class StepForm(forms.ModelForm):
    class Meta:
        model = PathwayStep
        fields = ["position", "service"]
        widgets = {"position": forms.NumberInput(attrs={"min": 1, "max": 99, "size": 3, "aria-label": _("Order")}),
                   "service": forms.Select(attrs={"aria-label": _("Service")})}


def step_formset(territory):
    """Steps whose services are those working in the territory, inside it or in a territory containing it."""
    services = Service.objects.filter(territory__path__startswith=territory.path) | Service.objects.filter(
        territory__path__in=ancestor_paths(territory))
    services = services.select_related("organisation").order_by("organisation__name", "name")

    class Step(StepForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["service"].queryset = services
            self.fields["service"].label_from_instance = lambda s: f"{s.organisation.name} – {s.name}"

    return forms.inlineformset_factory(Pathway, PathwayStep, form=Step, extra=3, can_delete=True)


class RetentionForm(forms.ModelForm):
    class Meta:
        model = ReferralSettings
        fields = ["retention_days"]


class StatisticsForm(forms.Form):
    territory = forms.ChoiceField(label=_("Territory"))
    start = forms.DateField(label=_("Sent from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.territories = {t.path: t for t in territories.order_by("path")}
        self.fields["territory"].choices = [(path, territory_label(t)) for path, t in self.territories.items()]

    def chosen_territory(self):
        path = self.cleaned_data.get("territory") if self.is_valid() else None
        return self.territories.get(path) or next(iter(self.territories.values()), None)
