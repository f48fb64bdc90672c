"""The sectors of intervention of migration-oriented decentralised cooperation, as the guidelines name them
(seed 004, "The sectoral dimension"): education, health, local economic development, governance, inclusion,
agriculture, water and sanitation, housing. They are the library's sectors of the same codes (and labels), so
that a partnership and the good practices of its sectors meet."""
from corridor.directory.vocabularies import Vocabulary
from corridor.library.vocabularies import SECTOR as LIBRARY_SECTOR

_CODES = ("education", "health", "local-economic-development", "governance", "social-inclusion", "agriculture",
          "water", "housing")

SECTOR = Vocabulary(
    "partnership_sector",
    LIBRARY_SECTOR.name,
    LIBRARY_SECTOR.description,
    tuple((code, LIBRARY_SECTOR.label(code)) for code in _CODES),
)

# The languages an agreement is drafted in: the site's interface languages, whose fixed headings are translated.
AGREEMENT_LANGUAGES = ("en", "fr", "es", "ar")


def sector_labels(codes) -> list[str]:
    """The labels of `codes` in the vocabulary's order, unknown codes left out."""
    wanted = set(codes)
    return [str(label) for code, label in SECTOR.terms if code in wanted]
