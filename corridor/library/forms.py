from types import SimpleNamespace

import pycountry
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions
from corridor.coordination.models import Initiative
from corridor.core import uploads
from corridor.core.languages import country_name, language_choices, language_name
from corridor.directory.models import Organisation, TaxonomyTerm
from corridor.territories.models import Territory

from . import exchange, template
from .models import GoodPractice
from .search import TERM_FACETS, PracticeQuery
from .vocabularies import SECTOR, is_sdg_target, sdg_sort_key

ANY = [("", _("Any"))]
MAX_COMPARED = 3


def country_choices():
    """Every ISO 3166 country and Kosovo, named in the reader's language."""
    codes = [country.alpha_2 for country in pycountry.countries] + ["XK"]
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1].lower())


def split_codes(text: str) -> list[str]:
    """Codes typed in one field, separated by commas, semicolons or spaces."""
    return [code for code in text.replace(";", " ").replace(",", " ").split() if code]


def clean_sdg_targets(text: str) -> list[str]:
    codes = split_codes(text.lower())
    wrong = [code for code in codes if not is_sdg_target(code)]
    if wrong:
        raise forms.ValidationError(
            _("Not SDG targets: %(codes)s. Write targets as the UN numbers them: 10.7, 8.8, 17.b.")
            % {"codes": ", ".join(wrong)})
    return sorted(set(codes), key=sdg_sort_key)


class PracticeForm(forms.ModelForm):
    """The template of a good practice. With `complete=True` (submitting for review, or changing a
    practice already in review or published) the template's required fields and the figures rule apply."""

    country_code = forms.ChoiceField(label=_("Country"))
    phases = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    categories = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    groups = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    sector_codes = forms.MultipleChoiceField(label=SECTOR.name, choices=SECTOR.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    sdg_text = forms.CharField(label=_("SDG targets"), required=False, max_length=200,
                               help_text=_("Separated by commas, for example “10.7, 8.8”."))

    class Meta:
        model = GoodPractice
        fields = ["title", "content_language", "organisation_kind", "website", "country_code", "region", "dynamics",
                  "objectives", "activities", "outputs", "obstacles", "success_factors", "coordination", "partners",
                  "period", "sources", "organisations", "territories", "initiatives"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in (*template.TEXT_FIELDS, "sources")}
        help_texts = {
            "outputs": _("With figures: people reached, services opened, languages, money raised…"),
            "sources": _("Where the facts come from: documents, websites, people, with dates."),
            "organisations": _("The organisations the practice is about. Their members may edit it."),
            "territories": _("The territories it concerns. Their administrators review it."),
        }

    TAG_FIELDS = {"phases": "phase", "categories": "category", "groups": "group"}

    def __init__(self, *args, user, complete=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete
        languages = language_choices()
        if self.instance.content_language not in dict(languages):  # written in a less common language
            languages.append((self.instance.content_language, language_name(self.instance.content_language)))
        self.fields["content_language"] = forms.ChoiceField(label=_("Language of the text"), choices=languages)
        self.fields["country_code"].choices = [("", "—")] + country_choices()
        self.fields["country_code"].required = False  # required by the template on submission only
        for name, parameter in self.TAG_FIELDS.items():
            vocabulary = dict(TERM_FACETS)[parameter]
            self.fields[name].label, self.fields[name].choices = vocabulary.name, vocabulary.choices
        chosen = self.instance.organisations.all() if self.instance.pk else Organisation.objects.none()
        self.fields["organisations"].queryset = (permissions.editable_organisations(user) | chosen).distinct()
        self.fields["territories"].queryset = Territory.objects.order_by("path")
        self.fields["initiatives"].queryset = Initiative.objects.order_by("title")
        for name in ("organisations", "territories", "initiatives"):
            self.fields[name].widget.attrs["size"] = 6
        if self.instance.pk:
            terms = self.instance.terms.all()
            for name, parameter in self.TAG_FIELDS.items():
                self.initial[name] = [t.code for t in terms if t.vocabulary == dict(TERM_FACETS)[parameter].code]
            self.initial["sector_codes"] = self.instance.sectors
            self.initial["sdg_text"] = ", ".join(self.instance.sdg_targets)
        else:
            self.initial["organisations"] = list(Organisation.objects.filter(
                pk__in=permissions.member_organisation_ids(user)).values_list("pk", flat=True))

    def _group(self, names) -> list:
        return [self[name] for name in names]

    @property
    def identity_fields(self):
        return self._group(("title", "content_language", "organisation_kind", "website", "country_code", "region",
                            "period"))

    @property
    def story_fields(self):
        return self._group((*template.TEXT_FIELDS, "sources"))

    @property
    def choice_fields(self):
        return self._group((*self.TAG_FIELDS, "sector_codes"))

    @property
    def link_fields(self):
        return self._group(("sdg_text", "organisations", "territories", "initiatives"))

    def clean_sdg_text(self):
        return clean_sdg_targets(self.cleaned_data["sdg_text"])

    def clean(self):
        data = super().clean()
        if self.complete:
            draft = SimpleNamespace(**{name: data.get(name, "") for name in template.REQUIRED_FIELDS})
            for name, message in template.problems(draft).items():
                if name in self.fields and not self.has_error(name):
                    self.add_error(name, message)
        return data

    def save(self, user=None):
        practice = super().save(commit=False)
        practice.sectors = self.cleaned_data["sector_codes"]
        practice.sdg_targets = self.cleaned_data["sdg_text"]
        if practice.pk is None:
            practice.created_by = user
        practice.save()
        self.save_m2m()
        wanted = {(dict(TERM_FACETS)[parameter].code, code)
                  for name, parameter in self.TAG_FIELDS.items() for code in self.cleaned_data[name]}
        shown = {vocabulary.code for _parameter, vocabulary in TERM_FACETS}
        kept = [term for term in practice.terms.all() if term.vocabulary not in shown]  # a channel set elsewhere
        practice.terms.set(kept + [term for term in TaxonomyTerm.objects.filter(vocabulary__in=shown)
                                   if (term.vocabulary, term.code) in wanted])
        return practice


class TranslationForm(forms.Form):
    """One language's texts of a practice; each field shows the original beside it in the page."""

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name in template.TRANSLATED_FIELDS:
            model_field = GoodPractice._meta.get_field(name)
            attrs = {"lang": language, "dir": "auto"}  # typed in the target language, whatever the page's
            widget = (forms.Textarea(attrs={**attrs, "rows": 4}) if name in template.TEXT_FIELDS
                      else forms.TextInput(attrs=attrs))
            self.fields[name] = forms.CharField(label=capfirst(model_field.verbose_name), required=False,
                                                widget=widget, max_length=getattr(model_field, "max_length", None))

    def clean(self):
        data = super().clean()
        if (data.get("outputs") or "").strip() and not template.has_figure(data["outputs"]):
            self.add_error("outputs", template.figure_message())
        return data


class SearchForm(forms.Form):
    """The library's search: every field optional, every value checked, nothing needs JavaScript."""

    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    phase = forms.ChoiceField(required=False)
    category = forms.ChoiceField(required=False)
    group = forms.ChoiceField(required=False)
    sector = forms.ChoiceField(label=SECTOR.name, required=False)
    sdg = forms.CharField(label=_("SDG target"), required=False, max_length=10)
    kind = forms.ChoiceField(label=_("Type of organisation"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for parameter, vocabulary in TERM_FACETS:
            self.fields[parameter].label, self.fields[parameter].choices = vocabulary.name, ANY + vocabulary.choices
        self.fields["sector"].choices = ANY + SECTOR.choices
        self.fields["kind"].choices = ANY + Organisation.Kind.choices
        self.fields["country"].choices = ANY + country_choices()

    def clean_sdg(self):
        code = self.cleaned_data["sdg"].strip().lower()
        if code and not is_sdg_target(code):
            raise forms.ValidationError(_("Write an SDG target as the UN numbers it: 10.7, 8.8, 17.b."))
        return code

    def to_query(self, language: str) -> PracticeQuery:
        data = self.cleaned_data
        return PracticeQuery(text=data["q"], language=language, phase=data["phase"], category=data["category"],
                             group=data["group"], sector=data["sector"], sdg=data["sdg"], country=data["country"],
                             kind=data["kind"])


class CompareForm(forms.Form):
    """Two or three published practices, by id (?p=…&p=…), as the library's checkboxes send them."""

    p = forms.TypedMultipleChoiceField(required=False, coerce=str)

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.practices = {str(practice.uuid): practice for practice in practices}
        self.fields["p"].choices = [(key, practice.title) for key, practice in self.practices.items()]

    def clean_p(self):
        chosen = list(dict.fromkeys(self.cleaned_data["p"]))
        if not 2 <= len(chosen) <= MAX_COMPARED:
            raise forms.ValidationError(_("Choose two or three practices to compare."))
        return [self.practices[key] for key in chosen]


class ImportForm(forms.Form):
    file = uploads.CheckedFileField(label=_("File (.csv, .xlsx or .json)"), kinds=("csv", "xlsx", "json"),
                                    max_bytes=exchange.MAX_BYTES)
