"""Practices the tests share, complete on the template unless told otherwise."""
import pytest

from corridor.directory.models import TaxonomyTerm
from corridor.library.models import GoodPractice

COMPLETE = {
    "country_code": "CH",
    "objectives": "Help newcomers find their way in their first months.",
    "activities": "Welcome sessions and an information desk.",
    "outputs": "320 people welcomed in 2024.",
}


@pytest.fixture
def make_practice(db):
    def make(title="Welcome desk", *, status=GoodPractice.Status.PUBLISHED, terms=(), organisations=(),
             territories=(), **fields):
        practice = GoodPractice.objects.create(title=title, status=status, **{**COMPLETE, **fields})
        practice.terms.set([TaxonomyTerm.objects.get(vocabulary=v, code=c) for v, c in terms])
        practice.organisations.set(organisations)
        practice.territories.set(territories)
        practice.refresh_from_db()
        return practice

    return make
