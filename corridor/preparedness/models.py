"""Crisis preparedness: consented contact registers, focal points, emergency contacts, contingency plans,
and incidents with their check-ins.

Migrants are often the last to hear of a crisis and the hardest to reach in one (no local network, other
languages, numbers nobody has). A migrant association or a municipality keeps a register of the people who
agreed to be contacted in an emergency, and in a crisis asks them "are you safe?" and counts the answers
by locality. The register is the most sensitive record of the platform: its personal fields are encrypted
(core/encryption.py), only the members of the owning organisation read it (access.py), every read is in
the audit log, and withdrawing consent deletes the entry (registration.py). See docs/preparedness.md."""
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.core.encryption import EncryptedJSONField, EncryptedTextField
from corridor.core.models import TranslatedContent


class Locality(models.Model):
    """Where an organisation's people live and its focal points work: a municipality of the directory's
    territories, or a neighbourhood or village inside one (`name`). Incidents target localities."""

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE,
                                     related_name="preparedness_localities", verbose_name=_("organisation"))
    territory = models.ForeignKey("territories.Territory", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("municipality or territory"))
    name = models.CharField(_("neighbourhood or village"), max_length=120, blank=True,
                            help_text=_("Leave empty for the whole territory."))

    class Meta:
        ordering = ["territory__path", "name"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        constraints = [models.UniqueConstraint(fields=["organisation", "territory", "name"],
                                               name="preparedness_unique_locality")]

    def __str__(self):
        place = self.territory.localized_name()
        return f"{place} – {self.name}" if self.name else place


class ContactRegister(TranslatedContent):
    """The list of people who opted in to be contacted by one organisation in an emergency."""

    TRANSLATED_FIELDS = ("name", "description")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT,
                                     related_name="contact_registers", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what the register is for"), blank=True,
                                   help_text=_("Shown on the registration form: who you are and why you ask."))
    languages = models.JSONField(_("languages of the register"), default=list, blank=True,
                                 help_text=_("The languages you write the consent text and messages in."))
    is_open = models.BooleanField(_("open to self-registration"), default=True)
    # People who withdrew: their entries are gone, only this number remains.
    withdrawn_count = models.PositiveIntegerField(_("withdrawals"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact register")
        verbose_name_plural = _("contact registers")

    def __str__(self):
        return self.name

    def current_consent(self):
        return self.consent_texts.order_by("-version").first()


class ConsentText(TranslatedContent):
    """What people agree to, versioned: each entry keeps the version it consented to. A text is never
    changed once written; a change is a new version."""

    TRANSLATED_FIELDS = ("text",)

    register = models.ForeignKey(ContactRegister, on_delete=models.CASCADE, related_name="consent_texts")
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("consent text"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["register", "-version"]
        verbose_name = _("consent text")
        constraints = [models.UniqueConstraint(fields=["register", "version"], name="preparedness_unique_consent")]

    def __str__(self):
        return f"{self.register} v{self.version}"


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SIGNAL = "signal", _("Signal")
    TELEGRAM = "telegram", _("Telegram")
    EMAIL = "email", _("E-mail")


class ContactEntry(models.Model):
    """One person who agreed to be contacted. The fields in PERSONAL_FIELDS are encrypted; the locality
    and household size stay in clear so that incidents can be targeted and counted in SQL (a neighbourhood
    and a number of people do not tell who someone is)."""

    PERSONAL_FIELDS = ("name", "contact", "languages", "needs")

    class Method(models.TextChoices):
        SELF = "self", _("Self-registration form")
        IN_PERSON = "in-person", _("In person, by staff")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    register = models.ForeignKey(ContactRegister, on_delete=models.CASCADE, related_name="entries")
    name = EncryptedTextField(_("name or alias"))
    channel = models.CharField(_("how to reach them"), max_length=10, choices=Channel.choices, default=Channel.SMS)
    contact = EncryptedTextField(_("phone number, handle or e-mail"))
    # Keyed hash of the normalised contact: finds duplicates without storing the contact in clear.
    contact_index = models.CharField(max_length=64, editable=False)
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="entries",
                                 verbose_name=_("locality"))
    household_size = models.PositiveSmallIntegerField(_("people in the household"), default=1,
                                                      validators=[MinValueValidator(1), MaxValueValidator(50)])
    languages = EncryptedJSONField(_("languages"), default=list, blank=True)
    needs = EncryptedTextField(_("what helpers should know"), blank=True,
                               help_text=_("For example reduced mobility, a baby, medicines. Optional."))
    consent = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="entries",
                                verbose_name=_("consent text"))
    consented_at = models.DateTimeField(_("consent given"))
    consent_method = models.CharField(_("consent collected"), max_length=10, choices=Method.choices)
    # Self-registrations count once the person has opened the link sent to their contact (double opt-in).
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    # Part of the personal link; raising it makes earlier links stop working.
    link_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [models.UniqueConstraint(fields=["register", "contact_index"],
                                               name="preparedness_unique_contact")]

    def __str__(self):
        # Shown in the audit log: never the person's name or contact.
        return f"entry {self.uuid.hex[:8]}"


class FocalPoint(models.Model):
    """A staff member or volunteer who relays information in a locality. Focal points agreed to be listed
    (`agreed_on`): within their organisation, or publicly on the territory's preparedness page. They are
    listed to be reached, so their details are not encrypted; the people they help are in the register."""

    PERSONAL_FIELDS = ("name", "phone", "email")

    class Visibility(models.TextChoices):
        ORGANISATION = "organisation", _("Members of the organisation")
        PUBLIC = "public", _("Everyone (territory page)")

    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE, related_name="focal_points")
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="focal_points",
                                 verbose_name=_("locality"))
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    visibility = models.CharField(_("listed for"), max_length=15, choices=Visibility.choices,
                                  default=Visibility.ORGANISATION)
    agreed_on = models.DateField(_("agreed to be listed on"))

    class Meta:
        ordering = ["locality__territory__path", "locality__name", "name"]
        verbose_name = _("focal point")

    def __str__(self):
        return f"{self.name} ({self.role})"


class EmergencyContact(TranslatedContent):
    """A public number for a territory: police, ambulance, a consulate, a helpline. A territory's page
    also lists the contacts of the territories containing it (the national numbers)."""

    TRANSLATED_FIELDS = ("name", "notes")

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("General emergency number")
        POLICE = "police", _("Police")
        AMBULANCE = "ambulance", _("Ambulance")
        FIRE = "fire", _("Fire brigade")
        POISON = "poison", _("Poison centre")
        HELPLINE = "helpline", _("Helpline")
        CONSULATE = "consulate", _("Consulate or embassy")
        AUTHORITY = "authority", _("Local authority")
        OTHER = "other", _("Other")

    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE,
                                  related_name="emergency_contacts", verbose_name=_("territory"))
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    number = models.CharField(_("number"), max_length=40)
    country_code = models.CharField(_("country represented (consulates)"), max_length=2, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    hours = models.CharField(_("hours"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["territory__path", "kind", "name"]
        verbose_name = _("emergency contact")

    def __str__(self):
        return f"{self.name} {self.number}"


class ContingencyPlan(TranslatedContent):
    """Who does what before, during and after a crisis, for an organisation or a territory."""

    TRANSLATED_FIELDS = ("title", "scope")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("directory.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="contingency_plans", verbose_name=_("organisation"))
    territory = models.ForeignKey("territories.Territory", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="contingency_plans", verbose_name=_("territory"))
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("crises it prepares for"), blank=True)
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Public plans are shown on the territory's preparedness page."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("contingency plan")
        constraints = [models.CheckConstraint(
            condition=models.Q(organisation__isnull=False, territory__isnull=True)
            | models.Q(organisation__isnull=True, territory__isnull=False),
            name="preparedness_plan_has_one_owner")]

    def __str__(self):
        return self.title


class PlanTask(models.Model):
    class Stage(models.TextChoices):
        BEFORE = "before", _("Before a crisis")
        DURING = "during", _("During a crisis")
        AFTER = "after", _("After a crisis")

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")

    plan = models.ForeignKey(ContingencyPlan, on_delete=models.CASCADE, related_name="tasks")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    task = models.CharField(_("task"), max_length=300)
    owner_role = models.CharField(_("owner (role)"), max_length=150)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TODO)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("plan task")

    def __str__(self):
        return self.task


class Incident(TranslatedContent):
    """An emergency in which a register's owner asks the people of the affected localities whether they
    are safe. `message` is the check-in message in `content_language`; its translations are in
    `translations` ({"ti": {"message": ...}})."""

    TRANSLATED_FIELDS = ("message",)

    class Kind(models.TextChoices):
        FLOOD = "flood", _("Flood")
        FIRE = "fire", _("Fire")
        STORM = "storm", _("Storm")
        HEATWAVE = "heatwave", _("Heatwave")
        EARTHQUAKE = "earthquake", _("Earthquake")
        EPIDEMIC = "epidemic", _("Epidemic")
        POWER_CUT = "power-cut", _("Power or water cut")
        VIOLENCE = "violence", _("Violence or unrest")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    register = models.ForeignKey(ContactRegister, on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"), blank=True)
    localities = models.ManyToManyField(Locality, related_name="incidents", verbose_name=_("affected localities"))
    message = models.TextField(_("check-in message"),
                               help_text=_("The link to answer is added at the end of each message."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("incident")

    def __str__(self):
        return self.title


class CheckIn(models.Model):
    """The check-in of one person in one incident: whether the message went out, and their answer.
    When the person withdraws, `entry` becomes empty and the check-in stays as an anonymous count."""

    PERSONAL_FIELDS = ("note",)

    class Delivery(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")
        UNSUPPORTED = "unsupported", _("Cannot be sent: call them")

    class Answer(models.TextChoices):
        NO_ANSWER = "no-answer", _("No answer")
        SAFE = "safe", _("Safe")
        NEEDS_HELP = "needs-help", _("Needs help")

    class Via(models.TextChoices):
        LINK = "link", _("The person, by the link")
        STAFF = "staff", _("Staff")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="checkins")
    entry = models.ForeignKey(ContactEntry, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="checkins")
    # Kept here so that the tally stays right after the person withdraws.
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="+")
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices, default=Delivery.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    gateway_reference = models.CharField(max_length=100, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, default=Answer.NO_ANSWER)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_via = models.CharField(max_length=6, choices=Via.choices, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("check-in")
        constraints = [models.UniqueConstraint(fields=["incident", "entry"], name="preparedness_one_checkin")]

    def __str__(self):
        return f"check-in {self.uuid.hex[:8]}"
