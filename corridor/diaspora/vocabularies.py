"""What the diaspora portal classifies by: the kinds of engagement a territory of origin asks its diaspora for
(after the Philippines' BaLinkBayan and Sédhiou's Help Office for Migrants, seed 002: investment, philanthropy,
volunteering, skills and technology transfer) and the skills people offer and projects want. Sectors are the
library's (library/vocabularies.py SECTOR), so that a priority, a project and a good practice speak alike."""
from django.utils.translation import gettext_lazy as _

from corridor.directory.vocabularies import Vocabulary
from corridor.library.vocabularies import SECTOR

__all__ = ["ENGAGEMENT", "MONEY_KINDS", "SECTOR", "SKILL"]

ENGAGEMENT = Vocabulary(
    "engagement",
    _("Kind of engagement"),
    _("How members of the diaspora take part in a project of their territory of origin."),
    (
        ("investment", _("Investment")),
        ("philanthropy", _("Philanthropy")),
        ("volunteering", _("Volunteering")),
        ("skills-transfer", _("Skills transfer")),
    ),
)
# Kinds of engagement measured in money; the others are measured in hours.
MONEY_KINDS = ("investment", "philanthropy")

SKILL = Vocabulary(
    "skill",
    _("Skill"),
    _("Broad areas of skills and expertise that people offer and projects want; free tags say the rest."),
    (
        ("agriculture", _("Agriculture and food processing")),
        ("business", _("Business management and entrepreneurship")),
        ("finance", _("Finance, accounting and microcredit")),
        ("health", _("Medicine, nursing and public health")),
        ("teaching", _("Teaching and vocational training")),
        ("engineering", _("Civil engineering and construction")),
        ("water-energy", _("Water, sanitation and energy")),
        ("it", _("Information technology and software")),
        ("data", _("Data, statistics and mapping")),
        ("law", _("Law and public administration")),
        ("communication", _("Communication, media and translation")),
        ("project-management", _("Project management and fundraising")),
        ("culture", _("Arts, culture and tourism")),
        ("social-work", _("Social work and community organising")),
    ),
)


def normalise_tags(tags) -> list[str]:
    """Free tags as they are compared: trimmed, single-spaced, case-folded, each once, in the order given."""
    seen = []
    for tag in tags:
        tag = " ".join(str(tag).split()).casefold()
        if tag and tag not in seen:
            seen.append(tag)
    return seen
