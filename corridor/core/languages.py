"""Language names and codes for content. Content languages are any ISO 639 language (a helpline may
speak Tigrinya), while the interface is in the four languages of settings.LANGUAGES."""
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# Languages offered first in forms and filters: the interface languages and those most spoken by
# migrants in the demo territories. Any other ISO 639 code is accepted too.
COMMON_CONTENT_LANGUAGES = (
    "en", "fr", "es", "ar", "de", "it", "pt", "ru", "uk", "tr", "fa", "ps", "ti", "am", "so",
    "sq", "sr", "tl", "zh", "ur", "bn", "ta", "wo", "ku",
)


def is_language_code(code: str) -> bool:
    if not code:
        return False
    code = code.lower()
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return found is not None


@lru_cache(maxsize=4096)
def _language_name(code: str, ui_language: str) -> str:
    try:
        name = Locale.parse(ui_language).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    if not name:
        found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
        name = found.name if found else code
    return name


def language_name(code: str, ui_language: str | None = None) -> str:
    """The name of a language in the interface language ("arabe" for ar in French)."""
    return _language_name(code.lower(), (ui_language or get_language() or "en").split("-")[0])


def language_choices(ui_language: str | None = None):
    return sorted(
        ((code, language_name(code, ui_language)) for code in COMMON_CONTENT_LANGUAGES),
        key=lambda pair: pair[1].lower(),
    )


def country_name(alpha_2: str, ui_language: str | None = None) -> str:
    try:
        name = Locale.parse((ui_language or get_language() or "en").split("-")[0]).territories.get(alpha_2.upper())
    except (UnknownLocaleError, ValueError):
        name = None
    if not name:
        found = pycountry.countries.get(alpha_2=alpha_2.upper())
        name = found.name if found else alpha_2
    return name
