"""Forms of the coverage, gap, overlap and needs pages. Every value is checked; nothing needs JavaScript."""
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions
from corridor.core.languages import language_choices
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.territories.models import Territory

from .coverage import MEASURES
from .models import Need, OverlapReview
from .overlaps import DEFAULT_MIN_SIMILARITY

# The default (DEFAULT_MIN_SIMILARITY) first: it is what a form without a choice shows and applies.
SIMILARITY_CHOICES = [("0.3", _("Somewhat alike (30 %)")), ("0.5", _("Alike (50 %)")), ("0.7", _("Very alike (70 %)")),
                      ("0", _("Every pair in the same cell and place"))]


def territory_label(territory) -> str:
    """The name indented by depth, so that a flat list of choices reads as the tree."""
    return "\u2003" * (territory.path.count("/") - 1) + territory.localized_name()


def default_territory(user):
    """The first territory a person administers, else the first country."""
    if not permissions.is_platform_admin(user):
        administered = permissions.administered_territories(user).order_by("path").first()
        if administered is not None:
            return administered
    return Territory.objects.filter(parent__isnull=True).order_by("path").first()


class TerritoryForm(forms.Form):
    """Which territory a page is about, from the query string (`?territory=<path>`)."""

    territory = forms.ChoiceField(label=_("Territory"), required=False)

    def __init__(self, data=None, *, territories=None, **kwargs):
        super().__init__(data, **kwargs)
        territories = territories if territories is not None else Territory.objects.all()
        self._territories = {t.path: t for t in territories.order_by("path")}
        self.fields["territory"].choices = [(path, territory_label(t)) for path, t in self._territories.items()]

    def chosen_territory(self, user):
        """The territory asked for, or a sensible default when none (or an unknown one) was asked for."""
        path = self.cleaned_data.get("territory") if self.is_valid() else None
        return self._territories.get(path) or default_territory(user)


class CoverageFilterForm(TerritoryForm):
    phase = forms.ChoiceField(label=PHASE.name, required=False, choices=[("", _("All phases"))] + PHASE.choices)
    group = forms.ChoiceField(label=TARGET_GROUP.name, required=False,
                              choices=[("", _("All groups"))] + TARGET_GROUP.choices)
    measure = forms.ChoiceField(label=_("Count"), required=False, choices=list(MEASURES.items()))

    def value(self, name: str) -> str:
        return (self.cleaned_data.get(name) or "") if self.is_valid() else ""


class CellForm(TerritoryForm):
    """One cell of the matrix: the drill-down behind a number. An empty phase or category is the "not
    given" row."""

    phase = forms.ChoiceField(required=False, choices=[("", "")] + PHASE.choices)
    category = forms.ChoiceField(required=False, choices=[("", "")] + CATEGORY.choices)
    group = forms.ChoiceField(choices=TARGET_GROUP.choices)


class OverlapFilterForm(TerritoryForm):
    similarity = forms.ChoiceField(label=_("Show pairs"), required=False, choices=SIMILARITY_CHOICES)

    def min_similarity(self) -> float:
        value = self.cleaned_data.get("similarity") if self.is_valid() else None
        return float(value) if value else DEFAULT_MIN_SIMILARITY


class OverlapReviewForm(forms.Form):
    """A decision on a pair, named by the keys of its two records in either order."""

    first = forms.CharField(widget=forms.HiddenInput, max_length=60)
    second = forms.CharField(widget=forms.HiddenInput, max_length=60)
    decision = forms.ChoiceField(label=_("Decision"), choices=OverlapReview.Decision.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("second"):
            data["first"], data["second"] = sorted((data["first"], data["second"]))
        return data


class NeedForm(forms.ModelForm):
    phase = forms.ChoiceField(label=PHASE.name, required=False, choices=[("", _("Any phase"))] + PHASE.choices)
    category = forms.ChoiceField(label=CATEGORY.name, choices=CATEGORY.choices)
    target_group = forms.ChoiceField(label=TARGET_GROUP.name, required=False,
                                     choices=[("", _("Any group"))] + TARGET_GROUP.choices)
    content_language = forms.ChoiceField(label=_("Language of the text"))

    class Meta:
        model = Need
        fields = ["territory", "title", "description", "content_language", "phase", "category", "target_group",
                  "severity", "source", "source_reference", "is_open"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["territory"].queryset = permissions.administered_territories(user).order_by("path")
        self.fields["territory"].label_from_instance = territory_label
        self.fields["content_language"].choices = language_choices()
        if not self.instance.pk:
            self.initial.setdefault("content_language", (get_language() or "en").split("-")[0])

    def save(self, commit=True):
        if self.instance.pk is None:
            self.instance.recorded_by = self.user
        return super().save(commit)
