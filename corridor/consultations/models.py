"""Consultations (e-discussions): an organiser asks numbered questions, grouped in rounds or weeks;
participants answer in their own language, on the web, by e-mail or from an archive; organisers
moderate and finally publish a consolidated report. Points for reflection of a learning module and
the guiding questions of a peer-learning event are the same primitive: questions with contributions."""
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.core.models import TranslatedContent
from corridor.directory.models import Organisation


class Consultation(TranslatedContent):
    class Kind(models.TextChoices):
        E_DISCUSSION = "e-discussion", _("E-discussion")
        REFLECTION = "reflection", _("Points for reflection")
        GUIDING_QUESTIONS = "guiding-questions", _("Guiding questions of an event")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        CONSOLIDATED = "consolidated", _("Consolidated")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Anyone")
        SIGNED_IN = "signed-in", _("People with an account")
        INVITED = "invited", _("Invited participants only")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("short name"), max_length=80, unique=True,
                            help_text=_("Used in links and in the e-mail address of the consultation."))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.E_DISCUSSION)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(_("who can read and take part"), max_length=20, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    languages = models.JSONField(_("languages"), default=list, blank=True,
                                 help_text=_("Languages in which people may answer, as codes (en, fr, es...)."))
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="consultations", verbose_name=_("territory"),
                                  help_text=_("Its administrators may organise the consultation."))
    organisers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="organised_consultations",
                                        verbose_name=_("organisers"))
    organising_organisations = models.ManyToManyField(Organisation, blank=True, related_name="consultations",
                                                      verbose_name=_("organised by"))
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    premoderation = models.BooleanField(_("moderate before publishing"), default=True)
    allow_anonymous = models.BooleanField(_("accept contributions without an account"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_at", "-created_at"]
        verbose_name = _("consultation")

    def __str__(self):
        return self.title

    @property
    def mail_address(self) -> str:
        """Where contributions can be sent by e-mail."""
        return f"{self.slug}@{settings.CONSULTATIONS_MAIL_DOMAIN}"

    def is_accepting(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.status == self.Status.OPEN and (self.opens_at is None or self.opens_at <= now)
                and (self.closes_at is None or now < self.closes_at))


class Round(TranslatedContent):
    """A week or round of a consultation, grouping some of its questions."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="unique_round_number")]

    def __str__(self):
        return self.title or _("Round %(number)s") % {"number": self.number}


class Question(TranslatedContent):
    """A numbered question. Numbers run through the whole consultation ("question 4" is unambiguous
    even when it sits in week 2), which is how participants refer to them in their posts."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions",
                              verbose_name=_("round"))
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"))
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="unique_question_number")]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Participant(models.Model):
    """Someone who follows a consultation and is told by e-mail when it opens, when their contribution
    is moderated and when the report is published. Contributors are added when they contribute."""

    PERSONAL_FIELDS = ("email", "name")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="consultation_participations")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    invited = models.BooleanField(_("invited"), default=False)
    notify = models.BooleanField(_("send me e-mails about this consultation"), default=True)
    token = models.CharField(max_length=43, unique=True, editable=False)  # for the unsubscribe link
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "email"], name="unique_participant_email")]

    def __str__(self):
        return f"{self.name or self.email} ({self.consultation})"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)


class Contribution(models.Model):
    # The text itself is the person's too: it goes in their download (consultations/personal_data.py).
    PERSONAL_FIELDS = ("author_name", "author_email")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        EMAIL = "email", _("E-mail")
        IMPORT = "import", _("Imported archive")
        API = "api", _("API")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="contributions")
    # The author: a member with an account, or a name and organisation typed in (external contributors,
    # e-mail senders, archives). `is_anonymous` hides the name from the public, never from organisers.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="contributions")
    author_name = models.CharField(_("name"), max_length=200, blank=True)
    author_email = models.EmailField(_("e-mail"), blank=True)
    is_anonymous = models.BooleanField(_("publish without my name"), default=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="contributions", verbose_name=_("organisation"))
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=30, choices=Organisation.Kind.choices,
                                         blank=True)
    country_code = models.CharField(_("country"), max_length=2, blank=True)
    territory = models.ForeignKey("territories.Territory", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("territory"))
    language = models.CharField(_("language"), max_length=8)
    detected_language = models.CharField(max_length=8, blank=True, editable=False)
    language_confidence = models.FloatField(null=True, blank=True, editable=False)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("contribution"), help_text=_("Sanitised HTML."))
    body_text = models.TextField(editable=False, help_text="Plain text of the body, for analysis.")
    links = models.JSONField(default=list, blank=True)
    reply_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies",
                                 verbose_name=_("in reply to"))
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    # The same post arriving twice (sent by e-mail and pasted on the web, an archive imported again) has
    # the same fingerprint; an e-mail's Message-ID or an archive's id is kept as its source reference.
    fingerprint = models.CharField(max_length=64, editable=False)
    source_reference = models.CharField(max_length=255, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(_("reason"), blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("written on"), default=timezone.now)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "fingerprint"], name="unique_contribution_fingerprint"),
            models.UniqueConstraint(fields=["consultation", "source_reference"], name="unique_contribution_source",
                                    condition=~models.Q(source_reference="")),
        ]
        indexes = [models.Index(fields=["consultation", "status", "submitted_at"])]

    def __str__(self):
        return f"{self.display_author} ({self.submitted_at:%Y-%m-%d})"

    @property
    def display_author(self) -> str:
        """The name the public sees."""
        if self.is_anonymous:
            return str(_("Anonymous"))
        if self.author_name:
            return self.author_name
        if self.author_id:
            return self.author.get_full_name() or self.author.get_username()
        return str(_("Anonymous"))

    @property
    def display_organisation(self) -> str:
        if self.is_anonymous:
            return ""
        return self.organisation.name if self.organisation_id else self.organisation_name


class Answer(models.Model):
    """The part of a contribution that answers one question. A post answering "Question 1: ...
    Question 3: ..." becomes two answers; text that names no question answers the question the
    participant chose (or none)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["contribution", "position"]
        constraints = [models.UniqueConstraint(fields=["contribution", "position"], name="unique_answer_position")]

    def __str__(self):
        return f"{self.contribution} → {self.question_id}"


class Attachment(models.Model):
    PERSONAL_FIELDS = ("filename",)

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="consultations/%Y/%m/")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.filename


class Report(models.Model):
    """One generation of the consolidated report. `data` is what the analysis found, computed
    from the published contributions by a background job; `edits` is what the organiser changed
    before publishing. The same contributions and parameters always give the same `data`."""

    PERSONAL_FIELDS = ("data", "edits")  # the annex of contributors and the authors of excerpts

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being generated")
        READY = "ready", _("Ready for review")
        FAILED = "failed", _("Failed")
        PUBLISHED = "published", _("Published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="reports")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    parameters = models.JSONField(default=dict, blank=True)
    input_digest = models.CharField(max_length=64, blank=True, help_text="Hash of the contributions analysed.")
    data = models.JSONField(default=dict, blank=True)
    edits = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        ordering = ["consultation", "-version"]
        constraints = [models.UniqueConstraint(fields=["consultation", "version"], name="unique_report_version")]

    def __str__(self):
        return f"{self.consultation} v{self.version}"


class CandidatePractice(models.Model):
    """A passage of a contribution that describes a concrete initiative (an actor doing something
    somewhere), found by the report; the organiser accepts it into the knowledge library or dismisses it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="candidate_practices")
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField()
    language = models.CharField(max_length=8)
    actor = models.CharField(max_length=255, blank=True)
    places = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=dict, blank=True, help_text='{"category": [...], "phase": [...], ...}')
    score = models.FloatField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    practice = models.ForeignKey("library.GoodPractice", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")

    class Meta:
        ordering = ["report", "-score", "id"]

    def __str__(self):
        return self.text[:80]
