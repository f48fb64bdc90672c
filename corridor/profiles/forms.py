from datetime import date

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions

from . import access
from .dimensions import FixedDimension
from .models import Profile, ProfileTemplate

FIRST_YEAR, LAST_YEAR = 1950, 2100


class ProfileForm(forms.Form):
    """A new profile: a territory one administers, and a year or a range of dates."""

    territory = forms.ModelChoiceField(label=_("Territory"), queryset=None)
    template = forms.ModelChoiceField(label=_("Template"), queryset=None, empty_label=None,
                                      help_text=_("The indicators every territory reports."))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR,
                              help_text=_("Or give the first and last days of another period."))
    period_start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What stands out, for readers of the profile (optional)."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = permissions.administered_territories(user)
        newest = {template.pk for country in {""} | set(self.fields["territory"].queryset.values_list(
            "country_code", flat=True)) for template in access.templates_for(country)}
        self.fields["template"].queryset = ProfileTemplate.objects.filter(pk__in=newest).order_by("country_code",
                                                                                                  "code")

    @property
    def main_fields(self):
        return [self["territory"], self["template"]]

    @property
    def period_fields(self):
        return [self["year"], self["period_start"], self["period_end"]]

    @property
    def summary_fields(self):
        return [self["summary"]]

    def clean(self):
        data = super().clean()
        year, start, end = data.get("year"), data.get("period_start"), data.get("period_end")
        if year:
            data["period_start"], data["period_end"] = date(year, 1, 1), date(year, 12, 31)
        elif start and end:
            if end < start:
                self.add_error("period_end", _("The period ends before it starts."))
        elif not self.has_error("period_start") and not self.has_error("period_end"):
            self.add_error("year", _("Give the year, or the first and last days of the period."))
        territory, template = data.get("territory"), data.get("template")
        if territory and template and template.country_code not in ("", territory.country_code):
            self.add_error("template", _("This template is for territories of another country."))
        if not self.errors and Profile.objects.filter(
                territory=territory, template=template, period_start=data["period_start"],
                period_end=data["period_end"]).exists():
            self.add_error(None, _("%(territory)s already has a profile for this period.") % {"territory": territory})
        return data

    def save(self, user) -> Profile:
        data = self.cleaned_data
        return Profile.objects.create(
            territory=data["territory"], template=data["template"], period_start=data["period_start"],
            period_end=data["period_end"], summary=data["summary"], created_by=user,
            content_language=(get_language() or "en").split("-")[0])


class CompareForm(forms.Form):
    first = forms.ModelChoiceField(label=_("Compare"), queryset=None, to_field_name="uuid")
    second = forms.ModelChoiceField(label=_("with"), queryset=None, to_field_name="uuid")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        readable = access.readable_profiles(user).select_related("territory").order_by("territory__path",
                                                                                       "period_start")
        for name in ("first", "second"):
            self.fields[name].queryset = readable

    def clean(self):
        data = super().clean()
        first, second = data.get("first"), data.get("second")
        if first and second:
            if first == second:
                self.add_error("second", _("Choose another profile."))
            elif first.template_id != second.template_id:
                self.add_error("second", _("These profiles were made with different templates (%(first)s, "
                                           "%(second)s): their indicators cannot be compared.") % {
                    "first": first.template, "second": second.template})
        return data


class ValueRowForm(forms.Form):
    """One value of an indicator, checked with the import's rules (exchange.ValueChecker)."""

    breakdown = forms.CharField(label=_("Breakdown"), required=False, max_length=60)
    value = forms.CharField(label=_("Value"), required=False, max_length=40)
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
    source_url = forms.CharField(label=_("Address of the source"), required=False, max_length=500,
                                 widget=forms.URLInput)
    accessed_on = forms.CharField(label=_("Date accessed"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        dimension = indicator.dimension
        if dimension is None:
            del self.fields["breakdown"]
        elif isinstance(dimension, FixedDimension):
            self.fields["breakdown"] = forms.ChoiceField(
                label=dimension.label, required=False,
                choices=[("", _("Total"))] + [(key, label) for key, label in dimension.keys.items()])
        else:
            self.fields["breakdown"].label = dimension.label
            self.fields["breakdown"].help_text = _("Empty for the total; an ISO country code (PT, ER) or “other”.")


def value_formset(indicator, values, data=None):
    """A row per value given, and blank rows to add some (more for a breakdown by country)."""
    blank = 0 if indicator.dimension is None and values else 1 if indicator.dimension is None else 5
    formset_class = forms.formset_factory(ValueRowForm, extra=blank, max_num=300, absolute_max=300)
    return formset_class(data, initial=values, form_kwargs={"indicator": indicator}, prefix="values")
