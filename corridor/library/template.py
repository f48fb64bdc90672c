"""The common template of a good practice (seed 002's story template, seed 004's annex of good
practices): which fields it has, in which order readers see and compare them, which are required
before a practice goes to review, and the rule on figures.

Required: title, country, main objectives, main activities, and main outputs and achievements stated
with at least one figure. A figure is a number written in digits (any script: 12, 1,400, ٣٢٠, 45%)
that is not a year on its own: "since 2014" says when, not how much. Everything else is optional, so a
practice accepted from a consultation (a passage of a contribution, as activities) can be completed in
the library before it is submitted. Translations must have a title; their fields left empty are shown
in the practice's own language, and translated outputs must keep a figure too."""
import re

import pycountry
from django.utils.translation import gettext as _

# Fields of the template, in the order readers see them; all are text in the practice's language.
TEXT_FIELDS = ("dynamics", "objectives", "activities", "outputs", "obstacles", "success_factors", "coordination",
               "partners")
# What translations carry: the texts, and the short fields a reader needs in their language.
TRANSLATED_FIELDS = ("title", "region", *TEXT_FIELDS, "period")
REQUIRED_FIELDS = ("title", "country_code", "objectives", "activities", "outputs")
# Compared side by side, in this order (tags and links come after them on the comparison page).
COMPARED_FIELDS = ("organisation_kind", "country_code", "region", *TEXT_FIELDS, "period", "sources", "website")

_NUMBER = re.compile(r"\d+(?:[.,'’\u00a0\u202f]\d+)*")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def has_figure(text: str) -> bool:
    """Whether a text states a quantity in digits (a year alone does not count)."""
    return any(not _YEAR.match(number) for number in _NUMBER.findall(text or ""))


def is_country_code(code: str) -> bool:
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None  # Kosovo: user-assigned, widely used


def problems(practice) -> dict[str, str]:
    """What keeps a practice from going to review or being published, by field (empty when complete)."""
    found = {}
    for field in REQUIRED_FIELDS:
        if not str(getattr(practice, field) or "").strip():
            found[field] = _("This field is required before the practice can be reviewed.")
    if practice.country_code and not is_country_code(practice.country_code):
        found["country_code"] = _("“%(code)s” is not an ISO 3166 country code.") % {"code": practice.country_code}
    if "outputs" not in found and not has_figure(practice.outputs):
        found["outputs"] = figure_message()
    return found


def translation_problems(texts: dict) -> dict[str, str]:
    """What keeps one language's translation from being published."""
    found = {}
    if not (texts.get("title") or "").strip():
        found["title"] = _("A translation needs at least its title.")
    if (texts.get("outputs") or "").strip() and not has_figure(texts["outputs"]):
        found["outputs"] = figure_message()
    return found


def figure_message() -> str:
    return _("State the outputs and achievements with at least one figure, for example “320 people trained” "
             "or “information in 12 languages” (a year alone does not count).")
