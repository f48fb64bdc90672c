"""Forms of the diaspora portal. Every value is checked on the server, what people typed is kept on errors,
and nothing needs JavaScript. Priorities and projects are written in one language with their translations
(coordination's ContentForm); profiles ask only for what matching needs."""
import pycountry
from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions
from corridor.coordination.forms import DATE, ContentForm, check_currency
from corridor.coordination.forms_analysis import territory_label
from corridor.coordination.initiatives import local_currency
from corridor.core.languages import country_name, language_choices
from corridor.territories.models import Territory

from . import access, pledges, profiles
from .models import DiasporaProfile, Pledge, Priority, Project
from .vocabularies import ENGAGEMENT, SECTOR, SKILL, normalise_tags

CHECKBOXES = forms.CheckboxSelectMultiple


def country_choices():
    return sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries), key=lambda pair: pair[1])


class TerritoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, territory):
        return territory_label(territory)


class TerritoriesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, territory):
        return territory_label(territory)


class TagsField(forms.CharField):
    """Free tags typed separated by commas, kept normalised."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", _("Separated by commas, for example: solar pumps, Mandinka, midwifery."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return normalise_tags(super().to_python(value).split(","))


def origin_territories():
    """Territories people may name as their origin: those marked as territories of origin and those with
    public priorities or projects, with the territories containing them."""
    paths = set(Territory.objects.filter(
        Q(is_origin=True) | Q(diaspora_projects__in=access.public_projects())
        | Q(diaspora_priorities__in=access.public_priorities())).values_list("path", flat=True))
    prefixes = {path[:index + 1] for path in paths for index, char in enumerate(path) if char == "/"}
    return Territory.objects.filter(path__in=prefixes).order_by("path")


# Priorities and projects.

class TerritoryRecordForm(ContentForm):
    """A priority or project, in a territory the person administers."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["territory"] = TerritoryChoiceField(
            label=_("Territory"), queryset=permissions.administered_territories(user).order_by("path"))
        self.order_fields(["territory"])

    def clean_territory(self):
        territory = self.cleaned_data["territory"]
        if not access.can_manage(self.user, territory):  # the choices say so too; a forged post is refused
            raise forms.ValidationError(_("Choose a territory you administer."))
        return territory


class PriorityForm(TerritoryRecordForm):
    translated_fields = ("title", "description")

    class Meta:
        model = Priority
        fields = ["territory", "sector", "title", "description", "content_language", "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class ProjectForm(TerritoryRecordForm):
    translated_fields = ("title", "description")
    skills = forms.MultipleChoiceField(label=_("Skills wanted"), choices=SKILL.choices, required=False,
                                       widget=CHECKBOXES)
    skill_tags = TagsField(label=_("Other skills wanted"))
    languages = forms.MultipleChoiceField(label=_("Working languages"), required=False, widget=CHECKBOXES,
                                          help_text=_("The languages the project's team works in."))

    class Meta:
        model = Project
        fields = ["territory", "priority", "title", "description", "content_language", "kind", "sector", "skills",
                  "skill_tags", "languages", "budget", "currency", "hours_sought", "status", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()
        self.fields["priority"].queryset = Priority.objects.filter(
            territory__in=permissions.administered_territories(self.user)).select_related("territory")
        self.fields["priority"].label_from_instance = lambda p: f"{p.title} ({p.territory.localized_name()})"
        if not self.instance.pk:
            territory = self.initial.get("territory")
            if isinstance(territory, Territory):
                self.initial["currency"] = local_currency(territory, "EUR")
            self.initial.setdefault("languages", [self.initial["content_language"]])

    def clean_currency(self):
        return check_currency(self.cleaned_data["currency"])

    def clean(self):
        data = super().clean()
        priority, territory = data.get("priority"), data.get("territory")
        if priority and territory and not territory.path.startswith(priority.territory.path):
            self.add_error("priority", _("Choose a priority of the project's territory or of a territory containing "
                                         "it."))
        if data.get("budget") is not None and data["budget"] <= 0:
            self.add_error("budget", _("The budget must be more than zero."))
        if not data.get("languages") and data.get("content_language"):
            data["languages"] = [data["content_language"]]
        return data


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    territory = forms.ChoiceField(label=_("Territory"), required=False)
    kind = forms.ChoiceField(label=ENGAGEMENT.name, required=False,
                             choices=[("", _("All kinds"))] + ENGAGEMENT.choices)
    sector = forms.ChoiceField(label=SECTOR.name, required=False, choices=[("", _("All sectors"))] + SECTOR.choices)
    skill = forms.ChoiceField(label=_("Skill wanted"), required=False,
                              choices=[("", _("All skills"))] + SKILL.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + [
        (value, label) for value, label in Project.Status.choices if value != Project.Status.DRAFT])

    def __init__(self, data=None, *, territories, **kwargs):
        super().__init__(data, **kwargs)
        self.territories = {territory.path: territory for territory in territories}
        self.fields["territory"].choices = [("", _("All territories"))] + [
            (path, territory_label(territory)) for path, territory in self.territories.items()]

    def value(self, name: str) -> str:
        return (self.cleaned_data.get(name) or "") if self.is_valid() else ""

    def chosen_territory(self):
        return self.territories.get(self.value("territory"))


# Profiles.

class ProfileForm(forms.ModelForm):
    """What a person or an association tells the portal about itself."""

    email = forms.EmailField(label=_("Contact e-mail"), max_length=254,
                             help_text=_("Kept encrypted. Your link arrives there; project teams do not see it "
                                         "unless you tick the box below."))
    residence_country = forms.ChoiceField(label=_("Country of residence"))
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False, widget=CHECKBOXES)
    skills = forms.MultipleChoiceField(label=_("Skills"), choices=SKILL.choices, required=False, widget=CHECKBOXES)
    skill_tags = TagsField(label=_("Other skills"))
    interest_sectors = forms.MultipleChoiceField(label=_("Sectors you would like to support"), choices=SECTOR.choices,
                                                 required=False, widget=CHECKBOXES)
    interest_kinds = forms.MultipleChoiceField(label=_("How you would like to take part"), choices=ENGAGEMENT.choices,
                                               required=False, widget=CHECKBOXES)
    origins = TerritoriesField(label=_("Territories of origin"), queryset=Territory.objects.none(), required=False,
                               widget=CHECKBOXES, help_text=_("The places whose projects you would like to hear of."))

    # The form's parts, each under its own heading.
    GROUPS = {"identity": ("organisation", "display_name", "email", "language", "residence_country", "residence_place"),
              "offer": ("skills", "skill_tags", "languages"),
              "interests": ("interest_kinds", "interest_sectors", "origins"),
              "sharing": ("share_contact",)}

    class Meta:
        model = DiasporaProfile
        fields = ["display_name", "email", "residence_country", "residence_place", "languages", "skills", "skill_tags",
                  "interest_sectors", "interest_kinds", "origins", "share_contact", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence_country"].choices = [("", "---------")] + country_choices()
        self.fields["languages"].choices = language_choices()
        chosen = self.instance.origins.all() if self.instance.pk else Territory.objects.none()
        self.fields["origins"].queryset = (origin_territories() | chosen).distinct().order_by("path")
        if not self.instance.pk:
            self.initial.setdefault("language", (get_language() or "en").split("-")[0])
            self.initial.setdefault("languages", [self.initial["language"]])

    def groups(self) -> dict[str, list]:
        return {group: [self[name] for name in names if name in self.fields] for group, names in self.GROUPS.items()}

    def clean_email(self):
        email = self.cleaned_data["email"]
        if self.instance.pk and not self.instance.is_association:  # a new registration is answered by e-mail
            other = profiles.find_person(email)
            if other is not None and other.pk != self.instance.pk:
                raise forms.ValidationError(_("Another profile is registered with this address."))
        return email

    def clean_interest_kinds(self):
        kinds = self.cleaned_data["interest_kinds"]
        if not kinds:
            raise forms.ValidationError(_("Choose at least one way to take part, so that we can suggest projects."))
        return kinds


class RegistrationForm(ProfileForm):
    consent = forms.BooleanField(label=profiles.PERSON_CONSENT, required=True, error_messages={
        "required": _("Without your consent we cannot keep your profile.")})


class AssociationForm(ProfileForm):
    """An association's profile: its name is the directory's, its contact e-mail the one it gives here."""

    class Meta(ProfileForm.Meta):
        fields = [name for name in ProfileForm.Meta.fields if name != "display_name"]


class AssociationRegistrationForm(AssociationForm):
    organisation = forms.ModelChoiceField(label=_("Association"), queryset=None)
    consent = forms.BooleanField(label=profiles.ASSOCIATION_CONSENT, required=True, error_messages={
        "required": _("Without your consent we cannot keep the association's profile.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = access.registrable_associations(user)
        self.order_fields(["organisation"])

    def save(self, commit=True):
        self.instance.organisation = self.cleaned_data["organisation"]
        return super().save(commit)


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("Your contact e-mail"), max_length=254)


# Pledges and follow-up.

class PledgeForm(forms.Form):
    pledger = forms.ChoiceField(label=_("Pledge as"))
    kind = forms.ChoiceField(label=ENGAGEMENT.name, choices=ENGAGEMENT.choices)
    amount = forms.DecimalField(label=_("Amount"), required=False, max_digits=16, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3,
                               help_text=_("ISO 4217 code, like XOF, EUR or CHF."))
    hours = forms.IntegerField(label=_("Hours"), required=False, min_value=1, max_value=10000)
    skill = forms.ChoiceField(label=_("Skill"), required=False, choices=[("", "---------")] + SKILL.choices)
    message = forms.CharField(label=_("Message to the project team"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What you offer and when; do not write your address here."))

    def __init__(self, *args, project, pledgers, **kwargs):
        super().__init__(*args, **kwargs)
        self.pledgers = {str(profile.uuid): profile for profile in pledgers}
        self.fields["pledger"].choices = [(key, profile.display_name) for key, profile in self.pledgers.items()]
        self.initial.setdefault("kind", project.kind)
        self.initial.setdefault("currency", project.currency)

    def clean_currency(self):
        currency = self.cleaned_data["currency"]
        return check_currency(currency) if currency else ""

    def clean(self):
        data = super().clean()
        if "kind" in data:
            for name, problem in pledges.offer_problems(data["kind"], data.get("amount"), data.get("currency", ""),
                                                        data.get("hours"), data.get("skill", "")).items():
                if name not in self.errors:
                    self.add_error(name, problem)
        return data

    def profile(self) -> DiasporaProfile:
        return self.pledgers[self.cleaned_data["pledger"]]


class PledgeStepForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("The person who pledged reads it in the e-mail telling them of the change."))

    def __init__(self, *args, pledge: Pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status, Pledge.Status(status).label)
                                         for status in pledges.next_statuses(pledge, by_pledger=False)]


class ContactForm(forms.Form):
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Sent by the platform with your e-mail address to reply to; the person "
                                          "decides whether to answer."))
