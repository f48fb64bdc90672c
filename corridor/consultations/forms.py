"""The forms of the consultation pages: contributing, organising and moderating. Forms only check
and shape what people typed; what happens next is decided by intake, moderation and reporting."""
from functools import lru_cache

import pycountry
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.core import uploads
from corridor.core.languages import country_name, language_choices, language_name
from corridor.directory.forms import LanguageListField
from corridor.directory.models import Organisation
from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP
from corridor.territories.models import Territory

from . import intake
from .models import Consultation, Contribution, Question, Round

# Paths under /consultations/ that a consultation's short name would hide.
RESERVED_SLUGS = {"organise", "unsubscribe"}
PRACTICE_VOCABULARIES = (PHASE, CATEGORY, TARGET_GROUP)


@lru_cache(maxsize=8)
def _countries(ui_language: str):
    return sorted(((c.alpha_2, country_name(c.alpha_2, ui_language)) for c in pycountry.countries),
                  key=lambda pair: pair[1].lower())


def country_choices():
    """Every ISO 3166-1 country, named and sorted in the reader's language."""
    return [("", "—"), *_countries((get_language() or "en").split("-")[0])]


def question_label(question: Question, length: int | None = None) -> str:
    """"4. How can…", in the reader's language; shortened to `length` characters for drop-down lists."""
    text = question.translated("text")[0]
    return f"{question.number}. {Truncator(text).chars(length) if length else text}"


def short_question_label(question: Question) -> str:
    return question_label(question, 70)


class ContributionForm(forms.Form):
    """A contribution or a reply on the web. People without an account say who they are; members
    choose which of their organisations they speak for."""

    body = forms.CharField(label=_("Your contribution"), widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
                           help_text=_('You may answer several questions: start each part with '
                                       '"Question 2:", "Question 4:"...'))
    questions = forms.TypedMultipleChoiceField(label=_("Questions you answer"), coerce=int, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    language = forms.ChoiceField(label=_("Language of your contribution"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail"),
                             help_text=_("To tell you when your contribution is published. Never shown to others."))
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none(),
                                          required=False, empty_label=_("Myself"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), required=False,
                                          choices=[("", "—"), *Organisation.Kind.choices])
    country = forms.ChoiceField(label=_("Country"), required=False)
    is_anonymous = forms.BooleanField(label=_("Publish without my name"), required=False,
                                      help_text=_("The organisers still see your name."))
    # Checked by content before intake reads them (which checks them again, like every channel's).
    attachments = uploads.CheckedMultipleFileField(
        kinds=uploads.DOCUMENTS, max_bytes="CONSULTATIONS_MAX_ATTACHMENT_BYTES", label=_("Attachments"),
        required=False, help_text=_("Documents or pictures, several at once if you like."))
    # People do not see this field (see site.css); robots that fill every field do.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, consultation: Consultation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation, self.user = consultation, user
        self.fields["questions"].choices = [(q.number, question_label(q)) for q in consultation.questions.all()]
        self.fields["language"].choices = [("", _("Detect automatically")),
                                           *((code, language_name(code)) for code in consultation.languages)]
        self.fields["country"].choices = country_choices()
        if user.is_authenticated:
            for name in ("name", "email", "organisation_name", "organisation_kind"):
                del self.fields[name]
            self.fields["organisation"].queryset = Organisation.objects.filter(
                memberships__user=user).order_by("name")
            if not self.fields["organisation"].queryset.exists():
                del self.fields["organisation"]
        else:
            del self.fields["organisation"]

    def text_fields(self):
        return [self["body"]]

    def detail_fields(self):
        return [self["language"], self["attachments"]]

    def identity_fields(self):
        names = ("name", "email", "organisation", "organisation_name", "organisation_kind", "country", "is_anonymous")
        return [self[name] for name in names if name in self.fields]

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Leave this field empty."))
        return ""

    def submission(self, reply_to: Contribution | None) -> "intake.Submission":
        data, user = self.cleaned_data, self.user
        member = user.is_authenticated
        organisation = data.get("organisation")
        return intake.Submission(
            consultation=self.consultation, body=data["body"], author=user if member else None,
            author_name=user.get_full_name() if member else data["name"],
            author_email=user.email if member else data["email"],
            is_anonymous=data["is_anonymous"], organisation=organisation,
            organisation_name=organisation.name if organisation else data.get("organisation_name", ""),
            organisation_kind=organisation.kind if organisation else data.get("organisation_kind", ""),
            country_code=data["country"], language=data["language"], question_numbers=data["questions"],
            reply_to=reply_to, channel=Contribution.Channel.WEB,
            attachments=[intake.IncomingAttachment(upload.name, upload.content_type, upload.read())
                         for upload in data["attachments"]])


class ContributionFilterForm(forms.Form):
    """Narrowing the discussion to one question or one language."""

    question = forms.TypedChoiceField(label=_("Question"), coerce=int, required=False, empty_value=None)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, consultation, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", _("All questions")),
                                           *((q.number, short_question_label(q)) for q in consultation.questions.all())]
        self.fields["language"].choices = [("", _("All languages")),
                                           *((code, language_name(code)) for code in languages)]

    def apply(self, contributions):
        if not self.is_valid():
            return contributions
        if self.cleaned_data["question"] is not None:
            contributions = contributions.filter(answers__question__number=self.cleaned_data["question"]).distinct()
        if self.cleaned_data["language"]:
            contributions = contributions.filter(language=self.cleaned_data["language"])
        return contributions


class TranslationFieldsMixin:
    """Text fields for translations of some fields into some languages ("title_fr"), read from and
    written to the record's `translations` JSON."""

    def add_translation_fields(self, fields, languages):
        self.translated = [(field, code) for code in languages for field in fields]
        for field, code in self.translated:
            model_field = self._meta.model._meta.get_field(field)
            long_text = model_field.get_internal_type() == "TextField"
            self.fields[f"{field}_{code}"] = forms.CharField(
                label=f"{capfirst(model_field.verbose_name)} ({language_name(code)})", required=False,
                widget=forms.Textarea(attrs={"rows": 2}) if long_text else forms.TextInput)
            self.initial.setdefault(f"{field}_{code}", (self.instance.translations.get(code) or {}).get(field, ""))

    def translation_fields(self):
        return [self[f"{field}_{code}"] for field, code in self.translated]

    def cleaned_translations(self, content_language=None) -> dict:
        """Leaves out the original's language and keeps translations into languages not shown."""
        shown = {code for _field, code in self.translated}
        translations = {code: texts for code, texts in self.instance.translations.items() if code not in shown}
        for field, code in self.translated:
            text = self.cleaned_data.get(f"{field}_{code}", "").strip()
            if text and code != content_language:
                translations.setdefault(code, {})[field] = text
        return translations


class ConsultationForm(TranslationFieldsMixin, forms.ModelForm):
    """A consultation's settings. Organisers choose only among the territories they administer and
    the organisations they belong to (plus those already chosen by someone else)."""

    languages = LanguageListField(label=_("Languages in which people may answer"))

    class Meta:
        model = Consultation
        fields = ["title", "slug", "content_language", "description", "kind", "languages", "visibility", "opens_at",
                  "closes_at", "premoderation", "allow_anonymous", "territory", "organising_organisations"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}),
                   "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "organising_organisations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, territories, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        consultation = self.instance
        self.fields["content_language"] = forms.ChoiceField(
            label=_("Language of the text"),
            choices=[(code, language_name(code)) for code, _name in settings.LANGUAGES])
        self.fields["languages"].choices = language_choices()
        if consultation.pk:
            territories = territories | Territory.objects.filter(pk=consultation.territory_id)
            organisations = organisations | consultation.organising_organisations.all()
        self.fields["territory"].queryset = territories.distinct()
        self.fields["organising_organisations"].queryset = organisations.distinct().order_by("name")
        self.add_translation_fields(("title", "description"), [code for code, _name in settings.LANGUAGES])

    def main_fields(self):
        return [self[name] for name in ("title", "slug", "content_language", "description", "kind")]

    def participation_fields(self):
        return [self[name] for name in ("visibility", "opens_at", "closes_at", "premoderation", "allow_anonymous")]

    def organiser_fields(self):
        return [self["territory"]]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This short name is reserved: choose another one."))
        return slug

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["opens_at"] >= data["closes_at"]:
            self.add_error("closes_at", _("The consultation must close after it opens."))
        if "content_language" in data:
            self.instance.translations = self.cleaned_translations(data["content_language"])
        return data


class RoundForm(TranslationFieldsMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["number", "title", "starts_at", "ends_at"]
        widgets = {"starts_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "ends_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translation_fields(("title",), languages)

    def clean(self):
        data = super().clean()
        self.instance.translations = self.cleaned_translations()
        return data


class QuestionForm(TranslationFieldsMixin, forms.ModelForm):
    round_number = forms.IntegerField(label=_("Week or round"), required=False, min_value=1,
                                      help_text=_("The number of a round above; leave empty if there are none."))

    class Meta:
        model = Question
        fields = ["number", "round_number", "text", "guidance"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "guidance": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.round_id:
            self.initial["round_number"] = self.instance.round.number
        self.add_translation_fields(("text", "guidance"), languages)

    def clean(self):
        data = super().clean()
        self.instance.translations = self.cleaned_translations()
        return data


class TranslatedInlineFormSet(forms.BaseInlineFormSet):
    """Rows of rounds or questions, each with fields for its translations into `languages`."""

    def __init__(self, *args, languages=(), **kwargs):
        self.languages = languages
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "languages": self.languages}

    def kept_forms(self):
        """The rows that are saved: existing or filled in, and not deleted."""
        return [form for form in self.forms if (form.has_changed() or form.instance.pk)
                and not self._should_delete_form(form)]


RoundFormSet = forms.inlineformset_factory(Consultation, Round, form=RoundForm, formset=TranslatedInlineFormSet,
                                           extra=2, can_delete=True)
QuestionFormSet = forms.inlineformset_factory(Consultation, Question, form=QuestionForm,
                                              formset=TranslatedInlineFormSet, extra=3, can_delete=True)


class InviteForm(forms.Form):
    emails = forms.CharField(label=_("E-mail addresses"), widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("One per line, or separated by commas."))

    def clean_emails(self):
        addresses = [part.strip() for part in self.cleaned_data["emails"].replace(",", "\n").splitlines()
                     if part.strip()]
        invalid = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(_("Not e-mail addresses: %(addresses)s.") % {"addresses": ", ".join(invalid)})
        return list(dict.fromkeys(address.lower() for address in addresses))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason, sent to the contributor"), widget=forms.Textarea(attrs={"rows": 2}))


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        # The consultation's languages first: a wrong detection is most often one of them.
        first = [(code, language_name(code)) for code in consultation.languages]
        self.fields["language"].choices = [*first, *(pair for pair in language_choices() if pair not in first)]


class AnswerQuestionForm(forms.Form):
    question = forms.ModelChoiceField(label=_("Answers question"), queryset=Question.objects.none(),
                                      required=False, empty_label=_("No question"))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = consultation.questions.all()
        self.fields["question"].label_from_instance = short_question_label


class BulkPublishForm(forms.Form):
    contributions = forms.ModelMultipleChoiceField(queryset=Contribution.objects.none(), to_field_name="uuid")

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = consultation.contributions.filter(
            status=Contribution.Status.PENDING)


class AcceptPracticeForm(forms.Form):
    """The classification a candidate practice enters the library with."""

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        for vocabulary in PRACTICE_VOCABULARIES:
            self.fields[vocabulary.code] = forms.MultipleChoiceField(
                label=vocabulary.name, choices=vocabulary.choices, required=False,
                widget=forms.CheckboxSelectMultiple, initial=candidate.tags.get(vocabulary.code, []))

    def tags(self) -> dict:
        return {vocabulary.code: self.cleaned_data[vocabulary.code] for vocabulary in PRACTICE_VOCABULARIES
                if self.cleaned_data[vocabulary.code]}


def rounds_and_questions_valid(rounds, questions) -> bool:
    """Both formsets valid, and each question's round among the rounds kept."""
    if not (rounds.is_valid() and questions.is_valid()):
        return False
    numbers = {form.cleaned_data["number"] for form in rounds.kept_forms()}
    for form in questions.kept_forms():
        if form.cleaned_data.get("round_number") not in (None, *numbers):
            form.add_error("round_number", _("There is no round with this number."))
    return not any(form.errors for form in questions.forms)


@transaction.atomic
def save_rounds_and_questions(rounds, questions) -> None:
    """Rounds first, so that questions can be put in the rounds just created. Texts are written in
    the consultation's language."""
    content_language = rounds.instance.content_language
    for form in rounds.kept_forms():
        form.instance.content_language = content_language
    rounds.save()
    by_number = {round_.number: round_ for round_ in rounds.instance.rounds.all()}
    for form in questions.kept_forms():
        form.instance.content_language = content_language
        form.instance.round = by_number.get(form.cleaned_data.get("round_number"))
    questions.save()


class ReportEditForm(forms.Form):
    """The organiser's changes to a generated report, in the shape reporting.save_edits expects:
    introduction, conclusion and, per question, a summary, theme labels and hidden excerpts."""

    introduction = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    conclusion = forms.CharField(label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, document: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.update(introduction=document.get("introduction", ""), conclusion=document.get("conclusion", ""))
        self.questions = []
        for question in document.get("questions", []):
            number = question["number"]
            summary = f"q{number}-summary"
            self.fields[summary] = forms.CharField(label=_("Summary"), required=False,
                                                   widget=forms.Textarea(attrs={"rows": 4}))
            self.initial[summary] = question.get("summary", "")
            labels, excerpts = [], []
            for index, theme in enumerate(question.get("themes", [])):
                name = f"q{number}-theme{index}"
                self.fields[name] = forms.CharField(label=_("Theme %(index)d") % {"index": index + 1},
                                                    max_length=200)
                self.initial[name] = theme.get("label", "")
                labels.append((index, name))
                excerpts += [(str(excerpt["contribution"]), excerpt) for excerpt in theme.get("excerpts", [])]
            hidden = f"q{number}-hidden"
            self.fields[hidden] = forms.MultipleChoiceField(
                label=_("Excerpts to leave out"), required=False, widget=forms.CheckboxSelectMultiple,
                choices=[(uuid, excerpt_label(excerpt)) for uuid, excerpt in dict(excerpts).items()])
            self.initial[hidden] = [uuid for uuid, excerpt in excerpts if excerpt.get("hidden")]
            self.questions.append({"number": number, "text": question.get("text", ""), "hidden": self[hidden],
                                   "summary_and_themes": [self[summary], *(self[name] for _index, name in labels)],
                                   "theme_names": labels})

    def framing_fields(self):
        return [self["introduction"], self["conclusion"]]

    def edits(self) -> dict:
        data = self.cleaned_data
        return {
            "introduction": data["introduction"], "conclusion": data["conclusion"],
            "questions": {str(q["number"]): {
                "summary": data[f"q{q['number']}-summary"],
                "hidden_excerpts": data[f"q{q['number']}-hidden"],
                "theme_labels": {str(index): data[name] for index, name in q["theme_names"]},
            } for q in self.questions},
        }


def excerpt_label(excerpt: dict) -> str:
    return excerpt.get("text", "")[:160]
