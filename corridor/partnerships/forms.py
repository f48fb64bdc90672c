"""Forms of the corridor and partnership pages. Lists of rows (figures, actions, contact persons,
stakeholders, indicators and their periods) are formsets with blank rows; saving offers new ones, and
nothing needs JavaScript. What people typed is kept on errors."""
from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions
from corridor.coordination.coverage import initiative_filter
from corridor.coordination.forms import (
    DATE,
    ContentForm,
    OrganisationRowForm,
    check_currency,
    check_period,
    organisation_choices,
)
from corridor.coordination.forms_analysis import TerritoryForm, territory_label
from corridor.coordination.models import Initiative
from corridor.directory.models import Organisation
from corridor.library.forms import clean_sdg_targets
from corridor.territories.models import Territory

from .models import (
    Action,
    ContactPerson,
    Corridor,
    CorridorFigure,
    IndicatorPeriod,
    Partnership,
    PartnershipIndicator,
    PartnershipSide,
    StageRecord,
    Stakeholder,
)
from .vocabularies import AGREEMENT_LANGUAGES, SECTOR

CHECKBOXES = forms.CheckboxSelectMultiple


class TerritoryFilterForm(TerritoryForm):
    """A territory to filter by (`?territory=<path>`), or all of them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [("", _("All territories"))] + self.fields["territory"].choices

    def territory(self):
        path = self.cleaned_data.get("territory") if self.is_valid() else None
        return self._territories.get(path)


class InterestForm(forms.Form):
    sectors = forms.MultipleChoiceField(label=_("Sectors of interest"), choices=SECTOR.choices, required=False,
                                        widget=CHECKBOXES)


def _territory_choices(field, queryset) -> None:
    field.queryset = queryset.order_by("path")
    field.label_from_instance = territory_label


class CorridorForm(ContentForm):
    translated_fields = ("description",)

    class Meta:
        model = Corridor
        fields = ["origin", "destination", "description", "content_language", "associations"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "associations": CHECKBOXES}
        help_texts = {"associations": _("Migrant and diaspora associations of the directory.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("origin", "destination"):
            _territory_choices(self.fields[name], Territory.objects.all())
        if self.instance.pk:  # the ends of a corridor stay; its figures belong to them
            for name in ("origin", "destination"):
                self.fields[name].disabled = True
        associations = self.fields["associations"]
        associations.queryset = Organisation.objects.filter(
            kind=Organisation.Kind.MIGRANT_ASSOCIATION).select_related("territory").order_by("name")
        associations.label_from_instance = lambda organisation: f"{organisation.name} ({organisation.territory})"

    def clean(self):
        data = super().clean()
        origin, destination = data.get("origin"), data.get("destination")
        if origin and destination:
            if origin == destination:
                self.add_error("destination", _("A corridor links two different territories."))
            elif not (permissions.can_administer_territory(self.user, origin)
                      or permissions.can_administer_territory(self.user, destination)):
                self.add_error("origin", _("Choose a corridor with one end in a territory you administer."))
            elif not self.instance.pk and Corridor.objects.filter(origin=origin, destination=destination).exists():
                self.add_error("destination", _("This corridor already exists."))
        return data


class FigureForm(forms.ModelForm):
    class Meta:
        model = CorridorFigure
        fields = ["year", "kind", "value", "source", "source_url"]

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("A value cannot be negative."))
        return value


class BaseFigureFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or self._should_delete_form(form):
                continue
            key = (form.cleaned_data.get("year"), form.cleaned_data.get("kind"))
            if key in seen:
                form.add_error("kind", _("This figure is already given for this year."))
            seen.add(key)


FigureFormSet = forms.inlineformset_factory(Corridor, CorridorFigure, form=FigureForm, formset=BaseFigureFormSet,
                                            extra=3, can_delete=True)


class PartnershipCreateForm(forms.ModelForm):
    territories = forms.ModelMultipleChoiceField(
        label=_("Partner territories"), queryset=Territory.objects.none(),
        help_text=_("Two or more, one of them administered by you. Hold Ctrl (or ⌘) to choose several."))

    class Meta:
        model = Partnership
        fields = ["kind", "title"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _territory_choices(self.fields["territories"], Territory.objects.all())
        self.fields["territories"].widget.attrs["size"] = 12

    def clean_territories(self):
        territories = list(self.cleaned_data["territories"])
        if len(territories) < 2:
            raise forms.ValidationError(_("A partnership links at least two territories."))
        if not any(permissions.can_administer_territory(self.user, territory) for territory in territories):
            raise forms.ValidationError(_("One of the territories must be one you administer."))
        return territories


class PartnershipForm(ContentForm):
    """The fields every partner's administrators write."""

    translated_fields = ("title", "aim", "expected_results")
    sectors = forms.MultipleChoiceField(label=SECTOR.name, choices=SECTOR.choices, required=False, widget=CHECKBOXES)
    sdg_text = forms.CharField(label=_("SDG targets"), required=False, max_length=200,
                               help_text=_("Separated by commas, for example “10.7, 8.8”."))
    agreement_languages = forms.MultipleChoiceField(
        label=_("Languages of the agreement"), widget=CHECKBOXES, help_text=_("One document per language."),
        choices=[(code, name) for code, name in settings.LANGUAGES if code in AGREEMENT_LANGUAGES])

    class Meta:
        model = Partnership
        fields = ["kind", "title", "content_language", "aim", "sectors", "expected_results", "monitoring",
                  "start_date", "end_date", "planned_signature_date", "budget", "currency", "budget_note",
                  "management", "governance", "agreement_languages", "is_public"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in (
            "aim", "expected_results", "monitoring", "budget_note", "management", "governance")}
        widgets.update({"start_date": DATE, "end_date": DATE, "planned_signature_date": DATE})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("sdg_text", ", ".join(self.instance.sdg_targets))

    GROUPS = (
        (_("The agreement"), ("kind", "title", "content_language", "agreement_languages", "is_public")),
        (_("Aim and alignment"), ("aim", "sectors", "sdg_text")),
        (_("Results and monitoring"), ("expected_results", "monitoring")),
        (_("Timeline and budget"), ("start_date", "end_date", "planned_signature_date", "budget", "currency",
                                    "budget_note")),
        (_("Management and governance"), ("management", "governance")),
    )

    def groups(self):
        """(legend, fields) in the order of the guidelines' elements; actions come after the aim."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def clean_sdg_text(self):
        return clean_sdg_targets(self.cleaned_data["sdg_text"])

    def clean_currency(self):
        return check_currency(self.cleaned_data["currency"])

    def clean(self):
        data = super().clean()
        check_period(self, "start_date", "end_date")
        if data.get("budget") is not None and data["budget"] < 0:
            self.add_error("budget", _("The budget cannot be negative."))
        return data

    def save(self, commit=True):
        self.instance.sdg_targets = self.cleaned_data["sdg_text"]
        return super().save(commit)


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "measure", "due_on"]
        widgets = {"due_on": DATE}


ActionFormSet = forms.inlineformset_factory(Partnership, Action, form=ActionForm, extra=2, can_delete=True)


class SideForm(forms.ModelForm):
    """What only the administrators of the side's territory write."""

    class Meta:
        model = PartnershipSide
        fields = ["authority", "development_plan", "plan_coherence", "mandate", "mandate_date", "signatory_name",
                  "signatory_title", "signatory_term_ends"]
        widgets = {"authority": forms.Textarea(attrs={"rows": 4}), "plan_coherence": forms.Textarea(attrs={"rows": 3}),
                   "mandate_date": DATE, "signatory_term_ends": DATE}


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "function"]


class StakeholderForm(OrganisationRowForm):
    class Meta:
        model = Stakeholder
        fields = ["organisation", "role", "contact_person"]


class BaseStakeholderFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or self._should_delete_form(form):
                continue
            organisation = form.cleaned_data.get("organisation")
            if organisation in seen:
                form.add_error("organisation", _("This organisation is already a stakeholder of this side."))
            seen.add(organisation)


ContactFormSet = forms.inlineformset_factory(PartnershipSide, ContactPerson, form=ContactForm, extra=2,
                                             can_delete=True)
StakeholderFormSet = forms.inlineformset_factory(PartnershipSide, Stakeholder, form=StakeholderForm,
                                                 formset=BaseStakeholderFormSet, extra=2, can_delete=True)


class Editor:
    """A form and its formsets, validated and saved together."""

    def __init__(self, form, **formsets):
        self.form, self.formsets = form, formsets
        for name, formset in formsets.items():
            setattr(self, name, formset)

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), *[formset.is_valid() for formset in self.formsets.values()]])

    @property
    def error_count(self) -> int:
        return len(self.form.errors) + sum(formset.total_error_count() for formset in self.formsets.values())

    @transaction.atomic
    def save(self):
        record = self.form.save()
        for formset in self.formsets.values():
            formset.instance = record
            formset.save()
        return record


def partnership_editor(data, partnership: Partnership) -> Editor:
    return Editor(PartnershipForm(data, instance=partnership),
                  actions=ActionFormSet(data, instance=partnership, prefix="actions"))


def side_editor(data, side: PartnershipSide) -> Editor:
    return Editor(SideForm(data, instance=side, prefix="side"),
                  contacts=ContactFormSet(data, instance=side, prefix="contacts"),
                  stakeholders=StakeholderFormSet(data, instance=side, prefix="stakeholders",
                                                  form_kwargs={"organisations": organisation_choices()}))


def corridor_editor(data, corridor: Corridor, user) -> Editor:
    return Editor(CorridorForm(data, instance=corridor, user=user),
                  figures=FigureFormSet(data, instance=corridor, prefix="figures"))


# Monitoring: indicators, each with its periods (a formset of its own, prefix "<indicator prefix>-periods").

class IndicatorForm(forms.ModelForm):
    class Meta:
        model = PartnershipIndicator
        fields = ["title", "unit", "baseline", "baseline_year", "initiative"]

    def __init__(self, *args, initiatives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = initiatives
        self.fields["initiative"].help_text = _("The initiative of the coordination area that carries this work.")

    def clean_baseline_year(self):
        year = self.cleaned_data["baseline_year"]
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError(_("Give the year in four digits, like 2024."))
        return year


class PeriodForm(forms.ModelForm):
    class Meta:
        model = IndicatorPeriod
        fields = ["period_start", "period_end", "target", "actual"]
        widgets = {"period_start": DATE, "period_end": DATE}

    def clean(self):
        data = super().clean()
        check_period(self, "period_start", "period_end")
        return data


PeriodFormSet = forms.inlineformset_factory(PartnershipIndicator, IndicatorPeriod, form=PeriodForm, extra=1,
                                            can_delete=True)


class BaseIndicatorFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.periods = PeriodFormSet(form.data if form.is_bound else None, instance=form.instance,
                                     prefix=f"{form.prefix}-periods")

    def is_valid(self):
        valid = super().is_valid()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if not form.periods.is_valid():
                valid = False
            elif not form.has_changed() and not form.instance.pk and any(f.has_changed() for f in form.periods):
                form.add_error("title", _("Give the indicator a title: its periods belong to it."))
                valid = False
        return valid

    def total_error_count(self):
        return super().total_error_count() + sum(form.periods.total_error_count() for form in self.forms)

    def save(self, commit=True):
        saved = super().save(commit)
        for form in self.forms:
            if form.instance.pk and not (self.can_delete and self._should_delete_form(form)):
                form.periods.instance = form.instance
                form.periods.save()
        return saved


IndicatorFormSet = forms.inlineformset_factory(Partnership, PartnershipIndicator, form=IndicatorForm,
                                               formset=BaseIndicatorFormSet, extra=1, can_delete=True)


def indicator_formset(data, partnership: Partnership):
    """The indicators' rows, each offering the initiatives of the partner territories (as territory or partner
    territory, around them: a canton's local-to-local initiative belongs to its towns' partnerships)."""
    places = Q(pk__in=[])
    for side in partnership.sides.all():
        places |= initiative_filter(side.territory, around=True)
    initiatives = [("", "---------")] + list(
        Initiative.objects.filter(places).order_by("title").values_list("pk", "title"))
    return IndicatorFormSet(data, instance=partnership, prefix="indicators", form_kwargs={"initiatives": initiatives})


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=Partnership.Stage.choices)
    started_on = forms.DateField(label=_("Since"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    record = forms.ModelChoiceField(label=_("Stage"), queryset=StageRecord.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File (PDF, Word, OpenDocument, Excel, CSV, text, PNG or JPEG)"))

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        records = partnership.stage_history.order_by("-started_on", "-pk")
        self.fields["record"].queryset = records
        self.fields["record"].label_from_instance = lambda record: (
            f"{record.get_stage_display()} ({record.started_on.isoformat()})")
        current = records.first()
        if current is not None:
            self.initial.setdefault("record", current.pk)


class AddSideForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Add a partner territory"), queryset=Territory.objects.none())

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _territory_choices(self.fields["territory"], Territory.objects.exclude(
            pk__in=partnership.sides.values("territory_id")))
