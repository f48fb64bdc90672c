from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from corridor.core.languages import language_choices, language_name
from corridor.territories.models import Territory

from . import contacts, registration
from .messaging import reachable_channels
from .models import (
    Channel,
    CheckIn,
    ContactRegister,
    ContingencyPlan,
    EmergencyContact,
    FocalPoint,
    Incident,
    Locality,
    PlanTask,
)

INTERFACE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _language_field(label, codes=None, required=False, help_text=""):
    choices = [(code, language_name(code)) for code in codes] if codes is not None else language_choices()
    return forms.MultipleChoiceField(label=label, choices=choices, required=required, help_text=help_text,
                                     widget=forms.CheckboxSelectMultiple)


class TranslationsMixin:
    """Adds a text box per language of `translation_languages` for each of the model's TRANSLATED_FIELDS
    ("name__fr"), filled from and saved into `translations`."""

    def add_translation_fields(self, languages, content_language):
        self.translation_field_names = []
        model = self._meta.model
        for code in languages:
            if code == content_language:
                continue
            for name in model.TRANSLATED_FIELDS:
                if name not in self.fields:
                    continue
                original = self.fields[name]
                key = f"{name}__{code}"
                self.fields[key] = forms.CharField(
                    label=f"{original.label} ({language_name(code)})", required=False, widget=original.widget.__class__(
                        attrs={"lang": code, "dir": "rtl" if code in ("ar", "fa", "ps", "ur", "ku") else "auto",
                               **({"rows": 3} if isinstance(original.widget, forms.Textarea) else {})}))
                self.fields[key].initial = (self.instance.translations.get(code) or {}).get(name, "")
                self.translation_field_names.append(key)

    def translation_fields(self):
        return [self[name] for name in getattr(self, "translation_field_names", [])]

    def collected_translations(self) -> dict:
        translations = {}
        for key in getattr(self, "translation_field_names", []):
            name, code = key.split("__")
            text = self.cleaned_data.get(key, "").strip()
            if text:
                translations.setdefault(code, {})[name] = text
        return translations


class PersonForm(forms.Form):
    """A person's entry: on the public form, on their personal page and for staff."""

    name = forms.CharField(label=_("Name or alias"), max_length=150,
                           help_text=_("The name we should ask for. An alias is fine."))
    channel = forms.ChoiceField(label=_("How can we reach you?"), widget=forms.RadioSelect)
    contact = forms.CharField(label=_("Phone number, handle or e-mail"), max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "tel", "dir": "ltr"}))
    locality = forms.ModelChoiceField(label=_("Where do you live?"), queryset=Locality.objects.none(),
                                      empty_label=_("Choose your neighbourhood or village"))
    household_size = forms.IntegerField(label=_("How many people live in your household, you included?"),
                                        min_value=1, max_value=50, initial=1)
    languages = forms.MultipleChoiceField(label=_("Languages you read"), required=False,
                                          widget=forms.CheckboxSelectMultiple,
                                          help_text=_("We write to you in the first of them we can."))
    needs = forms.CharField(label=_("What should helpers know in an emergency? (optional)"), required=False,
                            max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("For example reduced mobility, a baby, medicines."))

    def __init__(self, *args, register: ContactRegister, **kwargs):
        super().__init__(*args, **kwargs)
        self.register = register
        reachable = reachable_channels()
        self.fields["channel"].choices = [(value, label) for value, label in Channel.choices if value in reachable]
        self.fields["channel"].initial = Channel.SMS if Channel.SMS in reachable else Channel.EMAIL
        self.fields["locality"].queryset = Locality.objects.filter(organisation=register.organisation) \
            .select_related("territory")
        codes = list(dict.fromkeys([*register.languages, *INTERFACE_LANGUAGES]))
        initial_languages = (self.initial.get("languages") or [])
        codes += [code for code in initial_languages if code not in codes]
        self.fields["languages"].choices = [(code, language_name(code)) for code in codes]

    def clean(self):
        data = super().clean()
        if data.get("channel") and data.get("contact"):
            try:
                data["contact"] = contacts.normalise(data["channel"], data["contact"],
                                                     self.register.organisation.territory.country_code)
            except ValidationError as error:
                self.add_error("contact", error)
        return data

    def person(self) -> registration.Person:
        data = self.cleaned_data
        return registration.Person(name=data["name"], channel=data["channel"], contact=data["contact"],
                                   locality=data["locality"], household_size=data["household_size"],
                                   languages=data["languages"], needs=data["needs"])

    @classmethod
    def initial_for(cls, entry) -> dict:
        return {"name": entry.name, "channel": entry.channel, "contact": entry.contact, "locality": entry.locality,
                "household_size": entry.household_size, "languages": entry.languages, "needs": entry.needs}


class SelfRegistrationForm(PersonForm):
    consent = forms.BooleanField(label=_("I agree to be contacted as described above."))
    # People do not see this field (site.css .hp); robots that fill every field do.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Leave this field empty."))
        return ""


class InPersonForm(PersonForm):
    consent = forms.BooleanField(label=_("The person heard the consent text and agreed to it."))


class RegisterForm(TranslationsMixin, forms.ModelForm):
    languages = _language_field(_("Languages of the register"),
                                help_text=_("Consent text and messages can be translated into each of them."))
    consent_text = forms.CharField(label=_("Consent text"), widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text=_("What people agree to: who will contact them, when, how, how long "
                                               "the data is kept and how to leave. Changing it makes a new version."))

    class Meta:
        model = ContactRegister
        fields = ["name", "description", "content_language", "languages", "is_open"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"content_language": _("Written in")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_language"] = forms.ChoiceField(label=_("Written in"), choices=language_choices())
        consent = self.instance.current_consent() if self.instance.pk else None
        if consent is not None:
            self.fields["consent_text"].initial = consent.text
        languages = self.data.getlist("languages") if self.is_bound else self.instance.languages
        content_language = self.data.get("content_language") if self.is_bound else self.instance.content_language
        self.add_translation_fields(languages, content_language)
        for code in languages:
            if code == content_language:
                continue
            key = f"consent_text__{code}"
            self.fields[key] = forms.CharField(
                label=f"{_('Consent text')} ({language_name(code)})", required=False,
                widget=forms.Textarea(attrs={"rows": 4, "lang": code}),
                initial=(consent.translations.get(code) or {}).get("text", "") if consent else "")
            self.translation_field_names.append(key)

    def split_translations(self) -> tuple[dict, dict]:
        """(the register's translations, the consent text's translations)."""
        translations = self.collected_translations()
        consent = {code: {"text": fields.pop("consent_text")} for code, fields in translations.items()
                   if "consent_text" in fields}
        return {code: fields for code, fields in translations.items() if fields}, consent


class LocalityForm(forms.ModelForm):
    class Meta:
        model = Locality
        fields = ["territory", "name"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        allowed = [t.pk for t in Territory.objects.all() if registration.locality_allowed(organisation, t)]
        self.fields["territory"].queryset = Territory.objects.filter(pk__in=allowed)

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except ValidationError:
            self.add_error("name", _("This locality is already in the list."))


class FocalPointForm(forms.ModelForm):
    languages = _language_field(_("Languages"))

    class Meta:
        model = FocalPoint
        fields = ["locality", "name", "role", "phone", "email", "languages", "visibility", "agreed_on"]
        widgets = {"agreed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["locality"].queryset = Locality.objects.filter(organisation=organisation)


class EmergencyContactForm(TranslationsMixin, forms.ModelForm):
    languages = _language_field(_("Languages"))

    class Meta:
        model = EmergencyContact
        fields = ["kind", "name", "number", "country_code", "hours", "languages", "notes", "content_language"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_language"] = forms.ChoiceField(label=_("Written in"), choices=language_choices())
        self.add_translation_fields([c for c in INTERFACE_LANGUAGES], self.instance.content_language)

    def clean_country_code(self):
        code = self.cleaned_data["country_code"].upper()
        from pycountry import countries

        if code and countries.get(alpha_2=code) is None:
            raise ValidationError(_("Unknown ISO 3166-1 country code."))
        return code


class PlanForm(forms.ModelForm):
    class Meta:
        model = ContingencyPlan
        fields = ["title", "scope", "content_language", "is_public"]
        widgets = {"scope": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_language"] = forms.ChoiceField(label=_("Written in"), choices=language_choices())


PlanTaskFormSet = inlineformset_factory(ContingencyPlan, PlanTask, fields=["stage", "task", "owner_role", "status",
                                                                           "order"], extra=3, can_delete=True)


class IncidentForm(TranslationsMixin, forms.ModelForm):
    localities = forms.ModelMultipleChoiceField(label=_("Affected localities"), queryset=Locality.objects.none(),
                                                widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Incident
        fields = ["kind", "title", "description", "localities", "content_language", "message"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, register: ContactRegister, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["localities"].queryset = Locality.objects.filter(organisation=register.organisation) \
            .select_related("territory")
        self.fields["content_language"] = forms.ChoiceField(
            label=_("Message written in"), choices=[(c, language_name(c)) for c in
                                                    dict.fromkeys([register.content_language, *register.languages,
                                                                   *INTERFACE_LANGUAGES])])
        content_language = self.data.get("content_language") if self.is_bound else \
            (self.initial.get("content_language") or register.content_language)
        self.add_translation_fields(register.languages, content_language)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=CheckIn.Answer.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000,
                           widget=forms.TextInput(attrs={"placeholder": _("What they need, who follows up")}))
