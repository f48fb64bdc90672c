"""Which language a contribution is written in, found offline with lingua among a few candidates:
the consultation's languages plus those most used in migration e-discussions. Restricting the
candidates makes short posts far more reliable than detecting among all 75 languages."""
from collections.abc import Iterable
from functools import lru_cache

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

ALWAYS_CANDIDATES = ("en", "fr", "es", "ar", "pt", "it")
# Below this many letters ("Merci !", "OK") any guess is noise.
MIN_LETTERS = 10


def _iso_code(code: str) -> IsoCode639_1 | None:
    try:
        return IsoCode639_1.from_str(code.strip().lower())
    except ValueError:  # a language lingua does not know (Tigrinya...) cannot be detected
        return None


@lru_cache(maxsize=32)
def _detector(codes: frozenset[IsoCode639_1]) -> LanguageDetector:
    # Building a detector is cheap, but each one loads its language models once; sharing it per
    # set of languages keeps those models in memory for the next contribution.
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect(text: str, candidates: Iterable[str] = ()) -> tuple[str, float]:
    """(ISO 639-1 code, confidence between 0 and 1) of `text`, or ("", 0.0) when it is too short."""
    if sum(character.isalpha() for character in text) < MIN_LETTERS:
        return "", 0.0
    codes = frozenset(code for code in map(_iso_code, (*candidates, *ALWAYS_CANDIDATES)) if code)
    values = _detector(codes).compute_language_confidence_values(text)
    if not values or values[0].value <= 0:
        return "", 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)
