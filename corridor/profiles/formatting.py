"""Figures written the way the reader's language writes them (Babel): counts, rates, amounts of money,
differences with their sign, and changes in per cent."""
from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from .models import Indicator

SIGNED = "+#,##0.###;-#,##0.###"
SIGNED_PERCENT = "+#,##0.0%;-#,##0.0%"


def _locale() -> str:
    return to_locale(get_language() or "en")


def _amount(value: Decimal, currency: str, signed: bool = False) -> str:
    """Whole amounts without cents (remittances are estimates in millions)."""
    pattern = Locale.parse(_locale()).currency_formats["standard"].pattern
    if value == value.to_integral_value():
        pattern = pattern.replace(".00", "")
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_currency(value, currency, format=pattern, locale=_locale(), currency_digits=False)


def value(number: Decimal | None, kind: str, currency: str = "") -> str:
    if number is None:
        return ""
    if kind == Indicator.Kind.PERCENTAGE:
        return format_percent(number / 100, locale=_locale(), decimal_quantization=False)
    if kind == Indicator.Kind.AMOUNT:
        return _amount(number, currency)
    return format_decimal(number, locale=_locale())


def difference(number: Decimal | None, kind: str, currency: str = "") -> str:
    """A difference with its sign; for rates, in percentage points."""
    if number is None:
        return ""
    if number == 0:
        return format_decimal(0, locale=_locale())
    if kind == Indicator.Kind.PERCENTAGE:
        return _("%(points)s pp") % {"points": format_decimal(number, format=SIGNED, locale=_locale())}
    if kind == Indicator.Kind.AMOUNT:
        return _amount(number, currency, signed=True)
    return format_decimal(number, format=SIGNED, locale=_locale())


def change(percent: Decimal | None) -> str:
    if percent is None:
        return ""
    if percent == 0:
        return format_percent(0, locale=_locale())
    return format_percent(percent / 100, format=SIGNED_PERCENT, locale=_locale())
