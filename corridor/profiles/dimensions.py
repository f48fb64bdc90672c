"""The dimensions an indicator can be broken down by, and the keys of each: ISO 3166-1 countries (for
nationality and destination), sex, and age groups. A value with an empty key is the indicator's total."""
import pycountry
from django.utils.translation import gettext_lazy as _

from corridor.core.languages import country_name

OTHER_COUNTRIES = "other"
# Kosovo has no ISO 3166-1 code yet; statistical offices (Eurostat, the Swiss FSO) use this one.
USER_ASSIGNED_COUNTRIES = {"XK"}


class UnknownKey(ValueError):
    """A breakdown key the dimension does not know; the message says which keys it does."""


class Dimension:
    def __init__(self, code: str, label):
        self.code, self.label = code, label

    def parse(self, text: str) -> str:
        raise NotImplementedError

    def key_label(self, key: str) -> str:
        raise NotImplementedError

    def sort_key(self, key: str, value) -> tuple:
        raise NotImplementedError


class CountryDimension(Dimension):
    """Keys are ISO 3166-1 alpha-2 codes; a file may give alpha-3 codes or English names. Countries
    not listed one by one are counted under "other"."""

    def parse(self, text: str) -> str:
        text = text.strip()
        if text.casefold() == OTHER_COUNTRIES:
            return OTHER_COUNTRIES
        if text.upper() in USER_ASSIGNED_COUNTRIES:
            return text.upper()
        try:
            return pycountry.countries.lookup(text).alpha_2
        except LookupError:
            raise UnknownKey(_("Unknown country “%(key)s”: write an ISO 3166-1 code such as PT or PRT, or "
                               "“other” for the countries not listed one by one.") % {"key": text}) from None

    def key_label(self, key: str) -> str:
        return str(_("Other countries")) if key == OTHER_COUNTRIES else country_name(key)

    def sort_key(self, key: str, value) -> tuple:
        """Largest first, the other countries last."""
        return (key == OTHER_COUNTRIES, -(value or 0), key)


class FixedDimension(Dimension):
    """A short list of keys, shown in the order given."""

    def __init__(self, code: str, label, keys: list[tuple[str, object]]):
        super().__init__(code, label)
        self.keys = dict(keys)

    def parse(self, text: str) -> str:
        key = text.strip().lower().replace(" ", "")
        if key not in self.keys:
            raise UnknownKey(_("Unknown key “%(key)s” in the breakdown “%(dimension)s”: use one of %(keys)s.") % {
                "key": text.strip(), "dimension": self.label, "keys": ", ".join(self.keys)})
        return key

    def key_label(self, key: str) -> str:
        return str(self.keys.get(key, key))

    def sort_key(self, key: str, value) -> tuple:
        return (list(self.keys).index(key) if key in self.keys else len(self.keys), key)


NOT_STATED = _("Not stated")
DIMENSIONS = {dimension.code: dimension for dimension in [
    CountryDimension("nationality", _("By nationality")),
    CountryDimension("destination", _("By country of destination")),
    FixedDimension("sex", _("By sex"), [("female", _("Women")), ("male", _("Men")), ("unknown", NOT_STATED)]),
    FixedDimension("age_group", _("By age group"), [
        ("0-14", _("0 to 14 years")), ("15-24", _("15 to 24 years")), ("25-44", _("25 to 44 years")),
        ("45-64", _("45 to 64 years")), ("65+", _("65 years and over")), ("unknown", NOT_STATED)]),
]}
CHOICES = [(code, dimension.label) for code, dimension in DIMENSIONS.items()]
