"""Profiles the tests share: Lausanne in 2023 and 2024 and Geneva in 2024, made with the default
template (installed by the app's data migration), with figures whose sums and changes are easy to check."""
from datetime import date

import pytest

from corridor.profiles import default_template, exchange
from corridor.profiles.models import Profile, ProfileTemplate

SOURCE = "Statistique Vaud, population register"


@pytest.fixture
def template(db):
    return ProfileTemplate.objects.get(code=default_template.CODE, version=default_template.VERSION)


def fill(profile, rows, source=SOURCE):
    """rows: (indicator code, breakdown key, value)."""
    errors = []
    checker = exchange.ValueChecker(profile.template, "test", errors)
    checked = [checker.check(number, {"indicator": code, "breakdown": key, "value": str(value), "source": source})
               for number, (code, key, value) in enumerate(rows, 2)]
    assert not errors
    exchange.replace_values(profile, checked)
    return profile


@pytest.fixture
def make_profile(template, users):
    def make(territory, year, rows=(), status=Profile.Status.PUBLISHED):
        profile = Profile.objects.create(territory=territory, template=template, period_start=date(year, 1, 1),
                                         period_end=date(year, 12, 31), status=status, created_by=users["vaud_admin"])
        return fill(profile, rows)

    return make


LAUSANNE_2023 = [
    ("resident_population", "", 100000),
    ("foreign_population", "", 40000),
    ("foreign_population", "PT", 10000),
    ("foreign_population", "FR", 8000),
    ("foreign_population", "ER", 2000),
    ("foreign_share", "", "40"),
    ("language_course_participants", "female", 600),
    ("language_course_participants", "male", 400),
    ("employment_rate_foreign", "", "70.0"),
    ("employment_rate_foreign", "female", "65.5"),
    ("remittances_sent", "", 50000000),
    ("asylum_seekers", "", 0),
]
LAUSANNE_2024 = [
    ("resident_population", "", 125000),
    ("foreign_population", "", 42000),
    ("foreign_population", "PT", 9000),
    ("foreign_population", "FR", 10000),
    ("foreign_population", "SY", 500),
    ("foreign_share", "", "33.6"),
    ("language_course_participants", "female", 660),
    ("language_course_participants", "male", 440),
    ("employment_rate_foreign", "", "72.5"),
    ("employment_rate_foreign", "female", "68"),
    ("asylum_seekers", "", 30),
]


@pytest.fixture
def lausanne(territories, make_profile):
    return {2023: make_profile(territories["lausanne"], 2023, LAUSANNE_2023),
            2024: make_profile(territories["lausanne"], 2024, LAUSANNE_2024)}
