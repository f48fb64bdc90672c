"""Amounts and counts of the initiative and call pages, written the way the reader's language writes them."""
from django import template

from corridor.profiles import formatting
from corridor.profiles.models import Indicator

register = template.Library()


@register.filter
def money(amount, currency):
    """1 200 000 CHF as the reader's language writes it ("CHF 1’200’000", "1 200 000,00 CHF")."""
    return "" if amount is None else formatting.value(amount, Indicator.Kind.AMOUNT, currency)


@register.filter
def count(number):
    return "" if number is None else formatting.value(number, Indicator.Kind.NUMBER)


@register.filter
def percent(number):
    return "" if number is None else formatting.value(number, Indicator.Kind.PERCENTAGE)
