"""Forms of the initiative and call pages. An initiative is edited on one page with its partners, fundings,
results and each result's indicators (nested formsets): blank rows are offered, saving offers new ones,
and nothing needs JavaScript. Every value is checked on the server; what people typed is kept on errors."""
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions
from corridor.core.languages import language_choices
from corridor.directory.models import Organisation
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.territories.models import Territory

from . import calls, initiatives
from .forms_analysis import TerritoryForm, territory_label
from .models import Call, Criterion, Funding, Indicator, Initiative, InitiativePartner, Proposal, Result

CLASSIFICATION_FIELDS = {"phases": PHASE, "categories": CATEGORY, "target_groups": TARGET_GROUP}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def first_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def check_currency(code: str) -> str:
    code = (code or "").strip().upper()
    if not initiatives.is_currency(code):
        raise forms.ValidationError(_("“%(code)s” is not an ISO 4217 currency code (like EUR, CHF, XOF).")
                                    % {"code": code})
    return code


def check_period(form, start: str, end: str) -> None:
    data = form.cleaned_data
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, _("The end is before the start."))


def organisation_choices() -> list[tuple]:
    """Every organisation of the directory, read once for all the rows of a page."""
    return [("", "---------")] + [
        (pk, f"{name} ({territory})") for pk, name, territory in
        Organisation.objects.order_by("name").values_list("pk", "name", "territory__name")]


class ContentForm(forms.ModelForm):
    """A record written in one language (`content_language`) with its texts in the interface's other
    languages (`translations`)."""

    translated_fields: tuple[str, ...] = ()
    content_language = forms.ChoiceField(label=_("Language of the text"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_language"].choices = language_choices()
        if not self.instance.pk:  # rather than the model's default
            self.initial["content_language"] = first_language()
        for code, language in settings.LANGUAGES:
            for name in self.translated_fields:
                model_field = self._meta.model._meta.get_field(name)
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{capfirst(model_field.verbose_name)} ({language})", required=False,
                    widget=forms.Textarea(attrs={"rows": 3}) if isinstance(model_field, models.TextField)
                    else forms.TextInput)
                self.initial.setdefault(f"{name}_{code}", self.instance.translations.get(code, {}).get(name, ""))

    def translation_fields(self):
        return [self[f"{name}_{code}"] for code, _language in settings.LANGUAGES for name in self.translated_fields]

    def main_fields(self):
        translations = {field.name for field in self.translation_fields()}
        classification = set(CLASSIFICATION_FIELDS)
        return [field for field in self.visible_fields() if field.name not in translations | classification]

    def save(self, commit=True):
        data = self.cleaned_data
        translations = {}
        for code, _language in settings.LANGUAGES:
            texts = {name: data[f"{name}_{code}"].strip() for name in self.translated_fields}
            if code != data["content_language"] and any(texts.values()):
                translations[code] = {name: text for name, text in texts.items() if text}
        self.instance.translations = translations
        return super().save(commit)


class ClassifiedForm(ContentForm):
    """A record classified by phase, category and target group, like the directory's services."""

    required_classification = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = initiatives.term_codes(self.instance) if self.instance.pk else {}
        for name, vocabulary in CLASSIFICATION_FIELDS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=vocabulary.name, choices=vocabulary.choices, required=name in self.required_classification,
                widget=forms.CheckboxSelectMultiple)
            self.initial.setdefault(name, codes.get(vocabulary.code, []))

    def classification_fields(self):
        return [self[name] for name in CLASSIFICATION_FIELDS]

    def cleaned_terms(self) -> dict[str, list[str]]:
        return {vocabulary.code: self.cleaned_data[name] for name, vocabulary in CLASSIFICATION_FIELDS.items()}

    def save(self, commit=True):
        record = super().save(commit)
        if commit:
            initiatives.set_terms(record, self.cleaned_terms())
        return record


# Initiatives.

class InitiativeForm(ClassifiedForm):
    translated_fields = ("title", "description")
    required_classification = ("categories",)

    class Meta:
        model = Initiative
        fields = ["title", "description", "content_language", "lead_organisation", "territory", "partner_territory",
                  "status", "start_date", "end_date", "budget", "currency", "planned_beneficiaries",
                  "actual_beneficiaries", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "start_date": DATE, "end_date": DATE}
        help_texts = {"territory": _("Where the initiative works; for local-to-local work, the territory of "
                                     "destination or of origin that leads it.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        leads = initiatives.lead_choices(user)
        if self.instance.pk:  # an administrator may keep a lead organisation from elsewhere
            leads = Organisation.objects.filter(Q(pk__in=leads) | Q(pk=self.instance.lead_organisation_id))
        self.fields["lead_organisation"].queryset = leads.order_by("name")
        territories = Territory.objects.order_by("path")
        for name in ("territory", "partner_territory"):
            self.fields[name].queryset = territories
            self.fields[name].label_from_instance = territory_label
        if not self.instance.pk:
            mine = leads.filter(pk__in=permissions.member_organisation_ids(user)).first()
            if mine is not None:
                self.initial["lead_organisation"], self.initial["territory"] = mine.pk, mine.territory_id
                self.initial["currency"] = initiatives.local_currency(mine.territory)

    def clean_currency(self):
        return check_currency(self.cleaned_data["currency"])

    def clean(self):
        data = super().clean()
        check_period(self, "start_date", "end_date")
        if data.get("territory") and data.get("territory") == data.get("partner_territory"):
            self.add_error("partner_territory", _("The partner territory is the other end of the corridor: choose "
                                                  "another territory than the initiative's, or none."))
        lead, territory = data.get("lead_organisation"), data.get("territory")
        if lead and territory and not initiatives.can_edit(self.user, Initiative(lead_organisation=lead,
                                                                                 territory=territory)):
            self.add_error("territory", _("You could no longer edit the initiative: choose a territory you "
                                          "administer, or a lead organisation you belong to."))
        return data


class OrganisationRowForm(forms.ModelForm):
    """A row naming an organisation of the directory, its choices read once per page."""

    organisation_field = "organisation"

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.organisation_field].choices = organisations


class PartnerForm(OrganisationRowForm):
    class Meta:
        model = InitiativePartner
        fields = ["organisation", "role"]


class FundingForm(OrganisationRowForm):
    organisation_field = "donor"

    def __init__(self, *args, currency="", **kwargs):
        super().__init__(*args, **kwargs)
        if currency and not self.instance.pk:  # a new row is in the initiative's currency
            self.initial["currency"] = currency

    class Meta:
        model = Funding
        fields = ["donor", "donor_name", "amount", "currency", "period_start", "period_end"]
        widgets = {"period_start": DATE, "period_end": DATE}

    def clean_currency(self):
        return check_currency(self.cleaned_data["currency"])

    def clean(self):
        data = super().clean()
        if not data.get("donor") and not data.get("donor_name", "").strip() and not self.has_error("donor"):
            self.add_error("donor_name", _("Choose the donor in the directory or write its name."))
        if data.get("amount") is not None and data["amount"] <= 0:
            self.add_error("amount", _("The amount must be more than zero."))
        check_period(self, "period_start", "period_end")
        return data


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["kind", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["title", "unit", "baseline", "baseline_year", "target", "actual", "period_start", "period_end"]
        widgets = {"period_start": DATE, "period_end": DATE}

    def clean(self):
        data = super().clean()
        check_period(self, "period_start", "period_end")
        year = data.get("baseline_year")
        if year is not None and not 1900 <= year <= 2100:
            self.add_error("baseline_year", _("Give the year in four digits, like 2024."))
        return data


PartnerFormSet = forms.inlineformset_factory(Initiative, InitiativePartner, form=PartnerForm, extra=2,
                                             can_delete=True)
FundingFormSet = forms.inlineformset_factory(Initiative, Funding, form=FundingForm, extra=1, can_delete=True)
IndicatorFormSet = forms.inlineformset_factory(Result, Indicator, form=IndicatorForm, extra=1, can_delete=True)


class BaseResultFormSet(forms.BaseInlineFormSet):
    """Results, each with its indicators in a formset of its own (prefix "<result prefix>-indicators"), so
    that a new result and its first indicators are written in one go."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.indicators = IndicatorFormSet(form.data if form.is_bound else None, instance=form.instance,
                                           prefix=f"{form.prefix}-indicators")

    def is_valid(self):
        valid = super().is_valid()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if not form.indicators.is_valid():
                valid = False
            elif not form.has_changed() and not form.instance.pk and any(f.has_changed() for f in form.indicators):
                form.add_error("title", _("Give the result a title: its indicators belong to it."))
                valid = False
        return valid

    def total_error_count(self):
        return super().total_error_count() + sum(form.indicators.total_error_count() for form in self.forms)

    def save(self, commit=True):
        saved = super().save(commit)
        for form in self.forms:
            if form.instance.pk and not (self.can_delete and self._should_delete_form(form)):
                form.indicators.instance = form.instance
                form.indicators.save()
        return saved


ResultFormSet = forms.inlineformset_factory(Initiative, Result, form=ResultForm, formset=BaseResultFormSet, extra=1,
                                            can_delete=True)


class InitiativeEditor:
    """The initiative form and its partners, fundings and results, validated and saved together."""

    def __init__(self, data, *, instance: Initiative, user):
        self.initiative, self.user = instance, user
        organisations = organisation_choices()
        self.form = InitiativeForm(data, instance=instance, user=user)
        self.partners = PartnerFormSet(data, instance=instance, prefix="partners",
                                       form_kwargs={"organisations": organisations})
        self.fundings = FundingFormSet(data, instance=instance, prefix="fundings", form_kwargs={
            "organisations": organisations, "currency": self.form.initial.get("currency") or instance.currency})
        self.results = ResultFormSet(data, instance=instance, prefix="results")

    @property
    def formsets(self):
        return [self.partners, self.fundings, self.results]

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), *[formset.is_valid() for formset in self.formsets]])

    @property
    def error_count(self) -> int:
        return len(self.form.errors) + sum(formset.total_error_count() for formset in self.formsets)

    @transaction.atomic
    def save(self) -> Initiative:
        initiative = self.form.save(commit=False)
        if initiative.pk is None:
            initiative.created_by = self.user
        initiative.save()
        initiatives.set_terms(initiative, self.form.cleaned_terms())
        for formset in self.formsets:
            formset.instance = initiative
            formset.save()
        return initiative


class InitiativeFilterForm(TerritoryForm):
    q = forms.CharField(label=_("Words in the title or description"), required=False, max_length=200)
    phase = forms.ChoiceField(label=PHASE.name, required=False, choices=[("", _("All phases"))] + PHASE.choices)
    category = forms.ChoiceField(label=CATEGORY.name, required=False,
                                 choices=[("", _("All categories"))] + CATEGORY.choices)
    group = forms.ChoiceField(label=TARGET_GROUP.name, required=False,
                              choices=[("", _("All groups"))] + TARGET_GROUP.choices)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses"))] + Initiative.Status.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation (lead, partner or donor)"), required=False,
                                          queryset=Organisation.objects.none(), empty_label=_("All organisations"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        involved = (Q(led_initiatives__isnull=False) | Q(initiative_roles__isnull=False)
                    | Q(fundings__isnull=False))
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=Organisation.objects.filter(involved).values("pk")).order_by("name")

    def query(self, user) -> initiatives.InitiativeQuery:
        data = self.cleaned_data if self.is_valid() else {}
        return initiatives.InitiativeQuery(
            territory=self.chosen_territory(user), phase=data.get("phase", ""), category=data.get("category", ""),
            target_group=data.get("group", ""), status=data.get("status", ""),
            organisation=data.get("organisation"), text=data.get("q", "").strip())


# Calls for proposals.

class CallForm(ClassifiedForm):
    translated_fields = ("title", "description")

    class Meta:
        model = Call
        fields = ["territory", "title", "description", "content_language", "budget", "currency", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}),
                   "deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        help_texts = {"deadline": _("Proposals are refused after this moment (the site's time zone).")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = permissions.administered_territories(user).order_by("path")
        self.fields["territory"].label_from_instance = territory_label
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        if not self.instance.pk:
            first = self.fields["territory"].queryset.first()
            self.initial["territory"], self.initial["currency"] = first, initiatives.local_currency(first)

    def clean_currency(self):
        return check_currency(self.cleaned_data["currency"])

    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if budget is not None and budget <= 0:
            raise forms.ValidationError(_("The budget must be more than zero."))
        return budget


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["title", "description", "weight", "max_score"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].min_value = self.fields["max_score"].min_value = 1
        self.fields["weight"].widget.attrs["min"] = self.fields["max_score"].widget.attrs["min"] = 1
        self.fields["max_score"].max_value = 100


CriterionFormSet = forms.inlineformset_factory(Call, Criterion, form=CriterionForm, extra=3, can_delete=True)


class ReviewerForm(forms.Form):
    person = forms.CharField(label=_("User name or e-mail address"), max_length=254)

    def clean_person(self):
        text = self.cleaned_data["person"].strip()
        found = list(get_user_model().objects.filter(Q(username__iexact=text) | Q(email__iexact=text),
                                                     is_active=True)[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("Nobody has this user name or e-mail address.") if not found else
                _("Several people have this e-mail address: give the user name."))
        return found[0]


class ProposalForm(ClassifiedForm):
    translated_fields = ("title", "summary")

    class Meta:
        model = Proposal
        fields = ["organisation", "title", "summary", "content_language", "requested_amount",
                  "planned_beneficiaries", "start_date", "end_date"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8}), "start_date": DATE, "end_date": DATE}

    def __init__(self, *args, user, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["organisation"].queryset = calls.proposing_organisations(user)
        self.fields["organisation"].empty_label = None
        self.fields["requested_amount"].help_text = _("In %(currency)s.") % {"currency": call.currency}
        if not self.instance.pk:
            codes = initiatives.term_codes(call)
            for name, vocabulary in CLASSIFICATION_FIELDS.items():
                self.initial[name] = codes[vocabulary.code]

    def clean(self):
        data = super().clean()
        check_period(self, "start_date", "end_date")
        amount = data.get("requested_amount")
        if amount is not None and amount <= 0:
            self.add_error("requested_amount", _("The amount must be more than zero."))
        elif amount is not None and amount > self.call.budget:
            self.add_error("requested_amount", _("The call's whole budget is %(budget)s %(currency)s.")
                           % {"budget": self.call.budget, "currency": self.call.currency})
        return data


class ReviewForm(forms.Form):
    """A reviewer's score on each criterion of the call, and a comment."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.title, min_value=0, max_value=criterion.max_score,
                help_text=_("From 0 to %(max)d; weight %(weight)d.") % {"max": criterion.max_score,
                                                                       "weight": criterion.weight})
        self.order_fields([f"criterion_{criterion.pk}" for criterion in self.criteria] + ["comment"])

    def scores(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("accept", _("Accept: it becomes a funded initiative")),
                                          ("reject", _("Reject"))])
    note = forms.CharField(label=_("Reason for the decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Sent to the proposers; required to reject."))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", _("Give the reason for rejecting the proposal: the proposers will read it."))
        return data
