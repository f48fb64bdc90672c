"""The ranking of needs by coverage, and who may record needs."""
import csv
import io

import pytest
from django.utils import timezone

from corridor.coordination import gaps
from corridor.coordination.gaps import Rank
from corridor.coordination.models import Need

from .analysis_data import STALE, make_need


@pytest.fixture
def needs(territories, organisations, vaud_records, make_service):
    lausanne, renens, vaud = territories["lausanne"], territories["renens"], territories["vaud"]
    now = timezone.now()
    make_service(organisations["appartenances"], "Santé ancienne", phases=["destination"], categories=["health"],
                 groups=["refugees"], last_verified_at=now - STALE)
    # A canton-wide service reaches Lausanne.
    make_service(organisations["caritas"], "Permanence juridique cantonale", territory=vaud, phases=["destination"],
                 categories=["legal"], groups=["refugees"], last_verified_at=now)
    return {
        "minors": make_need(lausanne, "Shelter for unaccompanied minors", "housing", group="unaccompanied-minors",
                            severity=Need.Severity.CRITICAL),
        "housing": make_need(lausanne, "Housing", "housing", severity=Need.Severity.MEDIUM),
        # Only Renens' stale course (and the stale health service is in Lausanne, another category).
        "renens": make_need(renens, "Courses for refugees in Renens", "language", phase="destination",
                            group="refugees", severity=Need.Severity.HIGH),
        "health": make_need(lausanne, "Health care for refugees", "health", phase="destination", group="refugees",
                            severity=Need.Severity.LOW),
        # Only the course for everyone.
        "women": make_need(lausanne, "French for women", "language", group="women", severity=Need.Severity.CRITICAL),
        "language": make_need(lausanne, "French for refugees", "language", group="refugees",
                              severity=Need.Severity.LOW),
        "legal": make_need(lausanne, "Legal advice for refugees", "legal", group="refugees",
                           severity=Need.Severity.HIGH),
        "closed": make_need(lausanne, "Met already", "housing", severity=Need.Severity.CRITICAL, is_open=False),
        "geneva": make_need(territories["geneva"], "Geneva need", "housing", severity=Need.Severity.CRITICAL),
    }


def test_needs_are_ranked_uncovered_then_stale_then_general_then_covered(territories, needs):
    ranked = gaps.gaps(territories["vaud"])
    assert [(gap.need.title, gap.rank) for gap in ranked] == [
        ("Shelter for unaccompanied minors", Rank.UNCOVERED),  # critical first
        ("Housing", Rank.UNCOVERED),
        ("Courses for refugees in Renens", Rank.STALE_ONLY),  # high before low
        ("Health care for refugees", Rank.STALE_ONLY),
        ("French for women", Rank.GENERAL_ONLY),
        ("Legal advice for refugees", Rank.COVERED),
        ("French for refugees", Rank.COVERED),
    ]


def test_what_covers_a_need(territories, needs, vaud_records):
    by_title = {gap.need.title: gap for gap in gaps.gaps(territories["vaud"])}
    renens = by_title["Courses for refugees in Renens"]
    # The Lausanne project does not reach Renens; Renens' own course is not verified for a year.
    assert ([e.pk for e in renens.stale], renens.targeted, renens.general) == ([vaud_records["stale"].pk], [], [])
    women = by_title["French for women"]
    assert [e.pk for e in women.general] == [vaud_records["french"].pk] and not women.targeted
    language = by_title["French for refugees"]
    assert {(e.kind, e.pk) for e in language.targeted} == {("initiative", vaud_records["project"].pk),
                                                           ("initiative", vaud_records["partner"].pk)}
    assert [e.places for e in by_title["Legal advice for refugees"].targeted] == [("ch/vaud/",)]


def test_a_city_sees_its_needs_only(territories, needs):
    assert [gap.need.title for gap in gaps.gaps(territories["renens"])] == ["Courses for refugees in Renens"]
    assert [gap.need.title for gap in gaps.gaps(territories["geneva_canton"])] == ["Geneva need"]


def test_gap_page_explains_each_rank(client, territories, needs):
    response = client.get("/en/coordination/gaps/", {"territory": "ch/vaud/"})
    assert response.status_code == 200
    html = response.content.decode()
    for rank in Rank:
        assert str(rank.explanation) in html
    assert html.index("Shelter for unaccompanied minors") < html.index("Courses for refugees in Renens") \
        < html.index("French for women") < html.index("Legal advice for refugees")
    assert "Cours anciens" in html  # what covers the Renens need, marked as not verified
    assert "Record a need" not in html  # the public does not manage needs


def test_gap_csv_keeps_the_ranking(client, territories, needs):
    response = client.get("/en/coordination/gaps.csv", {"territory": "ch/vaud/"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[2] for row in rows[1:3]] == ["Shelter for unaccompanied minors", "Housing"]
    assert rows[3][:2] == ["3", "Covered only by out-of-date entries"] and rows[3][-3:] == ["0", "0", "1"]


def _need_data(territory, **changes):
    return {"territory": territory.pk, "title": "Interpreters at the hospital", "description": "",
            "content_language": "en", "phase": "destination", "category": "interpretation", "target_group": "",
            "severity": "3", "source": "consultation", "source_reference": "E-discussion 2025", "is_open": "on",
            **changes}


def test_a_territory_admin_records_a_need(client, territories, users):
    client.force_login(users["vaud_admin"])
    response = client.post("/en/coordination/needs/new/", _need_data(territories["lausanne"]))
    assert response.status_code == 302
    need = Need.objects.get(title="Interpreters at the hospital")
    assert (need.territory, need.recorded_by, need.severity, need.target_group) == (
        territories["lausanne"], users["vaud_admin"], 3, "")
    listed = client.get("/en/coordination/needs/", {"territory": "ch/vaud/"}).context["needs"]
    assert [item["need"] for item in listed] == [need]


def test_a_need_outside_ones_territories_is_refused_and_the_form_keeps_the_input(client, territories, users):
    client.force_login(users["vaud_admin"])
    response = client.post("/en/coordination/needs/new/", _need_data(territories["geneva"]))
    assert response.status_code == 200 and not Need.objects.exists()
    assert response.context["form"].errors["territory"]
    assert 'value="Interpreters at the hospital"' in response.content.decode()


def test_needs_are_managed_only_by_their_territory_admins(client, territories, users):
    need = make_need(territories["lausanne"], "Housing", "housing")
    edit, delete = f"/en/coordination/needs/{need.uuid}/edit/", f"/en/coordination/needs/{need.uuid}/delete/"
    assert client.get(edit).status_code == 302  # to the sign-in page
    for user in ("geneva_admin", "caritas"):
        client.force_login(users[user])
        assert client.get(edit).status_code == 403
        assert client.post(delete).status_code == 403
    client.force_login(users["caritas"])
    assert client.get("/en/coordination/needs/").status_code == 403
    assert client.get("/en/coordination/needs/new/").status_code == 403
    client.force_login(users["vaud_admin"])
    response = client.post(edit, _need_data(territories["lausanne"], title="Housing for families", is_open=""))
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.title, need.is_open) == ("Housing for families", False)
    client.force_login(users["platform"])
    assert client.post(delete).status_code == 302 and not Need.objects.exists()
