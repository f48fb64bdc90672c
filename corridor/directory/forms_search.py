from babel.dates import get_day_names
from django import forms
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.core.languages import language_choices, language_name
from corridor.territories.models import Territory

from .models import Schedule, ServiceLanguage
from .search import DEFAULT_RADIUS_KM, ServiceQuery, parse_point
from .vocabularies import CATEGORY, PHASE, TARGET_GROUP


def weekday_name(index: int, language: str | None = None) -> str:
    """The name of a weekday (0 = Monday) from Babel's locale data, so it needs no message catalogue."""
    locale = (language or get_language() or "en").split("-")[0]
    return get_day_names("wide", context="stand-alone", locale=locale)[index]


# Labels are evaluated when rendered, in the reader's language.
WEEKDAY_LABELS = [(code, lazy(weekday_name, str)(index)) for index, code in enumerate(Schedule.WEEKDAYS)]
ANY = [("", _("Any"))]
# Filters shown in the summary of the search, with the parameters that removing each one clears.
FILTER_PARAMETERS = {
    "phase": ("phase",), "category": ("category",), "group": ("group",), "lang": ("lang",), "free": ("free",),
    "open": ("open",), "territory": ("territory",), "near": ("near", "lat", "lon", "radius"),
}


class SearchForm(forms.Form):
    """The public search: every field optional, every value checked, nothing needs JavaScript."""

    q = forms.CharField(label=_("What do you need?"), required=False, max_length=200)
    phase = forms.ChoiceField(label=PHASE.name, required=False)
    category = forms.ChoiceField(label=CATEGORY.name, required=False)
    group = forms.ChoiceField(label=TARGET_GROUP.name, required=False)
    lang = forms.ChoiceField(label=_("Language spoken"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    open = forms.ChoiceField(label=_("Open"), required=False)
    territory = forms.ChoiceField(label=_("Where"), required=False)
    near = forms.CharField(label=_("Near (latitude, longitude)"), required=False, max_length=60)
    radius = forms.FloatField(label=_("Within (km)"), required=False, min_value=0.1, max_value=500)

    def __init__(self, data=None, *, territories=None, **kwargs):
        # A point may also come as lat=..&lon=.. (links from maps and other sites); it is shown as `near`.
        if data is not None and not data.get("near") and (data.get("lat") or data.get("lon")):
            data = data.copy()
            data["near"] = f"{data.get('lat', '')},{data.get('lon', '')}"
        super().__init__(data, **kwargs)
        self.fields["phase"].choices = ANY + PHASE.choices
        self.fields["category"].choices = ANY + CATEGORY.choices
        self.fields["group"].choices = ANY + TARGET_GROUP.choices
        self.fields["lang"].choices = ANY + self._spoken_language_choices()
        self.fields["open"].choices = ANY + [("now", _("Now"))] + WEEKDAY_LABELS
        self._territories = {t.path: t for t in (territories if territories is not None else Territory.objects.all())}
        self.fields["territory"].choices = ANY + [
            (path, "\u2003" * (path.count("/") - 1) + t.localized_name()) for path, t in self._territories.items()
        ]

    @staticmethod
    def _spoken_language_choices():
        """The usual languages, plus any other language a service in the directory is offered in."""
        choices = language_choices()
        known = {code for code, _name in choices}
        others = set(ServiceLanguage.objects.values_list("code", flat=True).distinct()) - known
        return sorted(choices + [(code, language_name(code)) for code in others], key=lambda c: c[1].lower())

    def clean_near(self):
        return parse_point(self.cleaned_data["near"])

    def clean(self):
        data = super().clean()
        if data.get("radius") is not None and "near" in data and data["near"] is None:
            self.add_error("radius", _("A distance needs a point: fill in “Near” too."))
        return data

    def to_query(self, language) -> ServiceQuery:
        data = self.cleaned_data
        return ServiceQuery(
            text=data["q"],
            language=language,
            phase=data["phase"],
            category=data["category"],
            target_group=data["group"],
            spoken_language=data["lang"],
            free_only=data["free"],
            open_now=data["open"] == "now",
            open_on=data["open"] if data["open"] in Schedule.WEEKDAYS else "",
            territory=self._territories.get(data["territory"]),
            near=data["near"],
            radius_km=data["radius"],
        )

    def active_filters(self) -> list[tuple[str, str]]:
        """(description, query string without it) for each filter in use, so readers see what narrows
        their results and can undo one filter with a plain link."""
        if not self.is_valid():
            return []
        active = []
        for name, parameters in FILTER_PARAMETERS.items():
            value, field = self.cleaned_data[name], self.fields[name]
            if value in (None, "", False):
                continue
            if name == "near":
                text = _("within %(km)s km of %(lat).4f, %(lon).4f") % {
                    "km": f"{self.cleaned_data['radius'] or DEFAULT_RADIUS_KM:g}", "lat": value[0], "lon": value[1]}
            elif name == "free":
                text = field.label
            else:
                text = _("%(filter)s: %(value)s") % {"filter": field.label, "value": dict(field.choices)[value].strip()}
            remaining = self.data.copy()
            for parameter in (*parameters, "page"):
                remaining.pop(parameter, None)
            active.append((str(text), "?" + remaining.urlencode()))
        return active
