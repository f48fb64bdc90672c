from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.core.languages import language_choices
from corridor.territories.models import Territory

from .models import Schedule
from .search import ServiceQuery
from .vocabularies import CATEGORY, PHASE, TARGET_GROUP

WEEKDAY_LABELS = [
    ("MO", _("Monday")), ("TU", _("Tuesday")), ("WE", _("Wednesday")), ("TH", _("Thursday")),
    ("FR", _("Friday")), ("SA", _("Saturday")), ("SU", _("Sunday")),
]
ANY = [("", _("Any"))]


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

    def __init__(self, *args, territories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = ANY + PHASE.choices
        self.fields["category"].choices = ANY + CATEGORY.choices
        self.fields["group"].choices = ANY + TARGET_GROUP.choices
        self.fields["lang"].choices = ANY + language_choices()
        self.fields["open"].choices = ANY + [("now", _("Now"))] + WEEKDAY_LABELS
        self._territories = {t.path: t for t in (territories if territories is not None else Territory.objects.all())}
        self.fields["territory"].choices = ANY + [
            (path, "\u2003" * (path.count("/") - 1) + t.localized_name()) for path, t in self._territories.items()
        ]

    def clean_near(self):
        value = self.cleaned_data["near"].strip()
        if not value:
            return None
        try:
            latitude, longitude = (float(part) for part in value.split(","))
        except ValueError:
            raise forms.ValidationError(_("Give a point as latitude, longitude, for example 46.52, 6.63."))
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise forms.ValidationError(_("This point is not on Earth: latitude -90 to 90, longitude -180 to 180."))
        return latitude, longitude

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
