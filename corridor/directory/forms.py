from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from corridor.core.languages import is_language_code, language_choices

from .forms_search import WEEKDAY_LABELS
from .models import Location, Organisation, Schedule, Service
from .vocabularies import CATEGORY, CHANNEL, PHASE, TARGET_GROUP

CLASSIFICATION_FIELDS = {"phases": PHASE, "categories": CATEGORY, "target_groups": TARGET_GROUP, "channels": CHANNEL}
TRANSLATED_FIELDS = ("name", "description")


class LanguageListField(forms.MultipleChoiceField):
    """Languages as checkboxes for the common ones; any other ISO 639 code is accepted too."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value):
        return is_language_code(value)


class ServiceForm(forms.ModelForm):
    content_language = forms.ChoiceField(label=_("Language of the text"))
    spoken_languages = LanguageListField(label=_("Languages the service is delivered in"), required=False)

    class Meta:
        model = Service
        fields = ["name", "alternate_name", "content_language", "description", "status", "url", "email",
                  "application_process", "eligibility_description", "minimum_age", "maximum_age", "is_free",
                  "fees_description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}),
                   "application_process": forms.Textarea(attrs={"rows": 3}),
                   "eligibility_description": forms.Textarea(attrs={"rows": 3}),
                   "fees_description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_language"].choices = language_choices()
        self.fields["spoken_languages"].choices = language_choices()
        for name, vocabulary in CLASSIFICATION_FIELDS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=vocabulary.name, choices=vocabulary.choices, required=name != "channels",
                widget=forms.CheckboxSelectMultiple)
        for code, language in settings.LANGUAGES:
            for field in TRANSLATED_FIELDS:
                self.fields[f"{field}_{code}"] = forms.CharField(
                    label=f"{self._meta.model._meta.get_field(field).verbose_name} ({language})", required=False,
                    widget=forms.Textarea(attrs={"rows": 3}) if field == "description" else forms.TextInput)
        service = self.instance
        if service.pk:
            terms = list(service.terms.all())
            for name, vocabulary in CLASSIFICATION_FIELDS.items():
                self.initial[name] = [t.code for t in terms if t.vocabulary == vocabulary.code]
            self.initial["spoken_languages"] = [language.code for language in service.languages.all()]
            for code, texts in service.translations.items():
                for field in TRANSLATED_FIELDS:
                    self.initial[f"{field}_{code}"] = texts.get(field, "")

    def translation_fields(self):
        return [self[f"{field}_{code}"] for code, _name in settings.LANGUAGES for field in TRANSLATED_FIELDS]

    def classification_fields(self):
        return [self[name] for name in CLASSIFICATION_FIELDS]

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The maximum age is below the minimum age."))
        return data

    def cleaned_translations(self):
        translations = {}
        for code, _name in settings.LANGUAGES:
            texts = {f: self.cleaned_data[f"{f}_{code}"].strip() for f in TRANSLATED_FIELDS}
            if code != self.cleaned_data["content_language"] and any(texts.values()):
                translations[code] = {f: t for f, t in texts.items() if t}
        return translations

    def cleaned_terms(self):
        return [(vocabulary.code, code) for name, vocabulary in CLASSIFICATION_FIELDS.items()
                for code in self.cleaned_data[name]]


class ScheduleForm(forms.ModelForm):
    days = forms.MultipleChoiceField(label=_("Days"), choices=WEEKDAY_LABELS, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Schedule
        fields = ["opens_at", "closes_at", "description"]
        widgets = {"opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                   "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["days"] = self.instance.days

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["opens_at"] >= data["closes_at"]:
            self.add_error("closes_at", _("Closing time must be after opening time."))
        data["byday"] = ",".join(d for d in Schedule.WEEKDAYS if d in data.get("days", []))
        return data

    def save(self, commit=True):
        self.instance.byday = self.cleaned_data["byday"]
        return super().save(commit)


ScheduleFormSet = forms.inlineformset_factory(Service, Schedule, form=ScheduleForm, extra=2, can_delete=True,
                                              fk_name="service")


class LocationForm(forms.ModelForm):
    """The service's main place. Left empty for services offered only online or by phone."""

    class Meta:
        model = Location
        fields = ["name", "address_1", "postal_code", "city", "country", "latitude", "longitude", "transportation",
                  "accessibility", "territory"]
        widgets = {"transportation": forms.Textarea(attrs={"rows": 2}),
                   "accessibility": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].required = False
        if territories is not None:
            self.fields["territory"].queryset = territories

    def has_content(self):
        return any(self.cleaned_data.get(f) not in (None, "") for f in
                   ("name", "address_1", "city", "latitude", "transportation"))

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if data.get("latitude") is not None and not -90 <= data["latitude"] <= 90:
            self.add_error("latitude", _("Latitude is between -90 and 90."))
        return data


class OrganisationForm(forms.ModelForm):
    languages = LanguageListField(label=_("Languages spoken"), required=False)
    content_language = forms.ChoiceField(label=_("Language of the text"))

    class Meta:
        model = Organisation
        fields = ["name", "alternate_name", "content_language", "description", "kind", "association_level",
                  "areas", "email", "website", "phone", "languages", "legal_status", "year_incorporated"]
        widgets = {"areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_language"].choices = language_choices()
        self.fields["languages"].choices = language_choices()
        if territories is not None:
            self.fields["areas"].queryset = territories

    def clean(self):
        data = super().clean()
        if data.get("association_level") and data.get("kind") != Organisation.Kind.MIGRANT_ASSOCIATION:
            self.add_error("association_level", _("Only migrant and diaspora associations have a level."))
        return data


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(label=_("Organisation to keep"), queryset=Organisation.objects.none())
    duplicate = forms.ModelChoiceField(label=_("Duplicate to merge into it"), queryset=Organisation.objects.none())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = organisations
        self.fields["duplicate"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("duplicate"):
            raise forms.ValidationError(_("Choose two different organisations."))
        return data
