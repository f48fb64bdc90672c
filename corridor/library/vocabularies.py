"""The classifications a good practice adds to the directory's vocabularies (phase, category, target
group): the sector of local development it belongs to, and the Sustainable Development Goal targets it
serves, written as the UN numbers them ("10.7", "17.18", "4.b")."""
import re

from django.utils.translation import gettext_lazy as _

from corridor.directory.vocabularies import Vocabulary

SECTOR = Vocabulary(
    "sector",
    _("Sector"),
    _("The field of local development a practice belongs to."),
    (
        ("governance", _("Governance and participation")),
        ("local-economic-development", _("Local economic development")),
        ("employment", _("Employment and skills")),
        ("education", _("Education")),
        ("health", _("Health")),
        ("housing", _("Housing and urban planning")),
        ("social-inclusion", _("Social inclusion and cohesion")),
        ("culture", _("Culture and tourism")),
        ("water", _("Water and sanitation")),
        ("agriculture", _("Agriculture and rural development")),
        ("finance", _("Remittances and finance")),
        ("data", _("Data and research")),
        ("humanitarian", _("Humanitarian response")),
    ),
)

# Goals 1 to 17; numbered targets (1 to 19 at most) or lettered means of implementation (a to h).
_SDG_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9]|1[0-9]|[a-h])$")


def is_sdg_target(code: str) -> bool:
    return bool(_SDG_TARGET.match(code))


def sdg_sort_key(code: str) -> tuple:
    goal, target = code.split(".")
    return int(goal), (0, int(target)) if target.isdigit() else (1, target)
