"""The controlled vocabularies that classify services. They are code, not data: their labels are
translated through the message catalogues, and their HSDS taxonomy ids are stable (uuid5 of the code)."""
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TAXONOMY_NAMESPACE = uuid.UUID("6f1c2f5e-2f7a-4c0e-9a55-0c0a1d7e6b11")


@dataclass(frozen=True)
class Vocabulary:
    code: str
    name: object
    description: object
    terms: tuple  # ((code, label), ...)

    @property
    def taxonomy_id(self) -> str:
        return str(uuid.uuid5(TAXONOMY_NAMESPACE, self.code))

    def term_id(self, term_code: str) -> str:
        return str(uuid.uuid5(TAXONOMY_NAMESPACE, f"{self.code}:{term_code}"))

    def label(self, term_code: str):
        return dict(self.terms).get(term_code, term_code)

    @property
    def choices(self):
        return list(self.terms)


PHASE = Vocabulary(
    "phase",
    _("Migration-cycle phase"),
    _("The stage of the migration cycle a service supports."),
    (
        ("pre-decision", _("Before deciding to migrate")),
        ("pre-departure", _("Before departure")),
        ("destination", _("In the place of destination")),
        ("return", _("Return and reintegration")),
    ),
)

CATEGORY = Vocabulary(
    "category",
    _("Category"),
    _("What the service does."),
    (
        ("information", _("Information and counselling")),
        ("language", _("Language courses")),
        ("education", _("Education and training")),
        ("employment", _("Employment and skills certification")),
        ("legal", _("Legal aid and documentation")),
        ("health", _("Health")),
        ("housing", _("Housing and shelter")),
        ("social-protection", _("Social protection")),
        ("anti-discrimination", _("Protection from discrimination")),
        ("interpretation", _("Interpretation")),
        ("business", _("Business and investment")),
        ("family", _("Family support")),
        ("reintegration", _("Reintegration")),
        ("community", _("Community and participation")),
    ),
)

TARGET_GROUP = Vocabulary(
    "target_group",
    _("Target group"),
    _("Who the service is for."),
    (
        ("labour-migrants", _("Labour migrants")),
        ("refugees", _("Refugees")),
        ("asylum-seekers", _("Asylum seekers")),
        ("unaccompanied-minors", _("Unaccompanied minors")),
        ("women", _("Women")),
        ("families-left-behind", _("Families left behind")),
        ("returnees", _("Returnees")),
        ("diaspora", _("Diaspora")),
        ("everyone", _("Whole population")),
    ),
)

CHANNEL = Vocabulary(
    "channel",
    _("Channel"),
    _("How the service is delivered."),
    (
        ("office", _("Office")),
        ("one-stop-shop", _("One-stop shop")),
        ("mobile", _("Mobile unit")),
        ("online", _("Online")),
        ("phone", _("Phone")),
    ),
)

VOCABULARIES = {v.code: v for v in (PHASE, CATEGORY, TARGET_GROUP, CHANNEL)}
