"""Demo migration profiles: Lausanne for 2023 and 2024, and Kosovo, a territory of origin of many of
its residents, for 2023. The figures are ILLUSTRATIVE: plausible orders of magnitude, not official
statistics, and every source says so."""
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from corridor.territories.models import Territory

from . import default_template, exchange
from .models import Indicator, Profile, ProfileTemplate, Section

DEMO = "Illustrative demo data, not official statistics"
REGISTER = f"{DEMO} (modelled on a municipal population register)"
MIGRATION = f"{DEMO} (modelled on national migration statistics)"
SERVICES = f"{DEMO} (modelled on the activity reports of integration services)"
ESTIMATE = f"{DEMO} (modelled on central bank estimates)"
LABOUR = f"{DEMO} (modelled on a labour force survey)"
ACCESSED = date(2025, 3, 31)

# indicator: (source, {year: total, or {breakdown key: value} whose sum is also reported as total, or
# ({key: value}, None) when only the breakdown is reported})
LAUSANNE = {
    "resident_population": (REGISTER, {2023: 141418, 2024: 143208}),
    "foreign_population": (REGISTER, {
        2023: {"PT": 11250, "FR": 10420, "IT": 6310, "ES": 4870, "XK": 1930, "ER": 1460, "BR": 1420, "DE": 1380,
               "UA": 1240, "TR": 1050, "SY": 820, "other": 18270},
        2024: {"PT": 11080, "FR": 10960, "IT": 6420, "ES": 4990, "XK": 1950, "ER": 1520, "BR": 1510, "DE": 1400,
               "UA": 1310, "TR": 1060, "SY": 880, "other": 18920}}),
    "foreign_share": (REGISTER, {2023: "42.7", 2024: "43.3"}),
    "foreign_population_by_sex": (REGISTER, {2023: ({"female": 29320, "male": 31100}, None),
                                             2024: ({"female": 30150, "male": 31850}, None)}),
    "foreign_population_by_age": (REGISTER, {
        2023: ({"0-14": 8950, "15-24": 7420, "25-44": 23870, "45-64": 14530, "65+": 5650}, None),
        2024: ({"0-14": 9080, "15-24": 7560, "25-44": 24470, "45-64": 14950, "65+": 5940}, None)}),
    "naturalisations": (REGISTER, {2023: 1480, 2024: 1620}),
    "arrivals_from_abroad": (REGISTER, {
        2023: {"FR": 1850, "PT": 820, "IT": 610, "ES": 540, "UA": 260, "ER": 190, "other": 3630},
        2024: {"FR": 1920, "PT": 760, "IT": 640, "ES": 560, "UA": 180, "ER": 210, "other": 3810}}),
    "departures_abroad": (REGISTER, {
        2023: {"FR": 1420, "PT": 610, "IT": 380, "ES": 330, "DE": 190, "other": 2210},
        2024: {"FR": 1510, "PT": 650, "IT": 390, "ES": 310, "DE": 200, "other": 2290}}),
    "arrivals_family_reunification": (MIGRATION, {2023: 1310, 2024: 1280}),
    "arrivals_for_work": (MIGRATION, {2023: 3950, 2024: 4120}),
    "asylum_applications": (MIGRATION, {
        2023: {"AF": 120, "TR": 110, "ER": 95, "SY": 60, "DZ": 45, "other": 140},
        2024: {"AF": 105, "TR": 130, "ER": 90, "SY": 55, "DZ": 50, "other": 150}}),
    "asylum_seekers": (MIGRATION, {2023: 1120, 2024: 1190}),
    "recognised_refugees": (MIGRATION, {
        2023: {"ER": 1150, "SY": 640, "AF": 420, "TR": 210, "other": 530},
        2024: {"ER": 1190, "SY": 660, "AF": 450, "TR": 260, "other": 560}}),
    "temporary_protection": (MIGRATION, {2023: 2310, 2024: 2180}),
    "unaccompanied_minors": (MIGRATION, {2023: 85, 2024: 92}),
    "diaspora_associations": (SERVICES, {2023: 118, 2024: 124}),
    "remittances_sent": (ESTIMATE, {
        2023: {"PT": 38000000, "XK": 22000000, "IT": 12000000, "ER": 9000000, "BR": 7000000, "other": 41000000},
        2024: {"PT": 37000000, "XK": 23000000, "IT": 12000000, "ER": 9500000, "BR": 7500000, "other": 43000000}}),
    "remittance_cost": ("World Bank, Remittance Prices Worldwide — " + DEMO, {2023: "4.6", 2024: "4.3"}),
    "employment_rate_foreign": (LABOUR, {2023: ({"female": "66.2", "male": "77.1"}, "71.8"),
                                         2024: ({"female": "67.0", "male": "77.6"}, "72.4")}),
    "unemployment_rate_foreign": (LABOUR, {2023: "6.9", 2024: "6.6"}),
    "unemployment_rate_nationals": (LABOUR, {2023: "3.1", 2024: "3.0"}),
    "work_permits": (MIGRATION, {2023: 2850, 2024: 2990}),
    "language_course_participants": (SERVICES, {2023: ({"female": 1640, "male": 1020}, None),
                                                2024: ({"female": 1710, "male": 1090}, None)}),
    "foreign_pupils_share": (SERVICES, {2023: "45.8", 2024: "46.3"}),
    "information_consultations": (SERVICES, {2023: 9400, 2024: 10150}),
    "interpreting_hours": (SERVICES, {2023: 12600, 2024: 13900}),
    "integration_budget": (SERVICES, {2023: 3450000, 2024: 3720000}),
}
KOSOVO = {
    "resident_population": (REGISTER, {2023: 1586000}),
    "diaspora_abroad": (f"{DEMO} (modelled on statistics of the countries of destination)", {
        2023: {"DE": 360000, "CH": 200000, "AT": 40000, "IT": 30000, "US": 25000, "FR": 25000, "SE": 20000,
               "other": 90000}}),
    "returning_migrants": (MIGRATION, {2023: 3100}),
    "remittances_received": (ESTIMATE, {2023: 1210000000}),
    "remittance_cost": ("World Bank, Remittance Prices Worldwide — " + DEMO, {2023: "5.8"}),
}
SUMMARY = {
    "lausanne": ("Un tiers des habitants du canton et plus de 40 % de ceux de Lausanne sont de nationalité étrangère. "
                 "Chiffres de démonstration : ordres de grandeur plausibles, pas des statistiques officielles.", "fr"),
    "xk": ("A territory of origin: its diaspora in Switzerland and Germany and the money it sends home. "
           "Demo figures: plausible orders of magnitude, not official statistics.", "en"),
}


def _records(figures: dict, year: int) -> list[dict]:
    records = []
    for code, (source, by_year) in figures.items():
        if year not in by_year:
            continue
        given = by_year[year]
        if isinstance(given, dict):
            given = (given, sum(given.values()))
        breakdown, total = given if isinstance(given, tuple) else ({}, given)
        rows = ([("", total)] if total is not None else []) + list(breakdown.items())
        records.extend({"indicator": code, "breakdown": key, "value": str(value), "source": source,
                        "accessed_on": ACCESSED.isoformat()} for key, value in rows)
    return records


def _profile(template, territory, year: int, figures: dict, author) -> Profile:
    summary, language = SUMMARY[territory.slug]
    profile, _created = Profile.objects.get_or_create(
        territory=territory, template=template, period_start=date(year, 1, 1), period_end=date(year, 12, 31),
        defaults={"summary": summary, "content_language": language, "created_by": author,
                  "status": Profile.Status.PUBLISHED, "published_at": timezone.now()})
    errors = []
    checker = exchange.ValueChecker(template, "demo", errors)
    checked = [checker.check(number, record) for number, record in enumerate(_records(figures, year), 2)]
    if errors:
        raise ValueError(f"The demo profile of {territory} for {year} is wrong: {errors}")
    exchange.replace_values(profile, checked)
    return profile


@transaction.atomic
def load(stdout=None):
    """Needs the directory's demo (its territories and the vaud account) to be loaded first."""
    template = default_template.install(ProfileTemplate, Section, Indicator)
    author = get_user_model().objects.filter(username="vaud").first()
    lausanne, kosovo = Territory.objects.get(path="ch/vaud/lausanne/"), Territory.objects.get(path="xk/")
    profiles = [_profile(template, lausanne, year, LAUSANNE, author) for year in (2023, 2024)]
    profiles.append(_profile(template, kosovo, 2023, KOSOVO, None))
    if stdout:
        stdout.write(f"Demo migration profiles: /en/profiles/ ({len(profiles)} profiles with illustrative figures).")
    return profiles
