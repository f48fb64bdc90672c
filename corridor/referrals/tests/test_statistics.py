"""Statistics on a fixture whose numbers are known, small numbers hidden, and the unmet referrals as a signal in
the coordination's gap view."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from corridor.coordination import gaps
from corridor.coordination.models import Need
from corridor.referrals import statistics
from corridor.referrals.statistics import Count

NOW = timezone.now()


@pytest.fixture
def activity(record_referral, services, organisations, territories):
    """In Vaud: 7 legal referrals to Appartenances (5 accepted after 2, 4, 6, 8 and 10 hours, 1 declined, 1 waiting
    for 2 days), 3 language referrals to the Roseraie still waiting after 10 days (unmet), 1 housing referral sent
    an hour ago, and 1 legal referral forwarded from Appartenances to the Roseraie. In Geneva: 2 referrals."""
    legal, geneva = services["legal"], services["geneva"]
    for hours in (2, 4, 6, 8, 10):
        sent = NOW - timedelta(days=20)
        record_referral(legal, status="accepted", sent_at=sent, accepted_at=sent + timedelta(hours=hours))
    record_referral(legal, status="declined", sent_at=NOW - timedelta(days=15), ended_at=NOW - timedelta(days=14))
    record_referral(legal, status="sent", sent_at=NOW - timedelta(days=2))
    for _ in range(3):
        record_referral(geneva, need="language", status="sent", sent_at=NOW - timedelta(days=10))
    record_referral(geneva, need="housing", status="sent", urgency="urgent", sent_at=NOW - timedelta(hours=1))
    first = record_referral(legal, status="forwarded", sent_at=NOW - timedelta(days=5),
                            ended_at=NOW - timedelta(days=4))
    record_referral(geneva, status="sent", sent_at=NOW - timedelta(days=4), forwarded_from=first)
    for _ in range(2):
        record_referral(legal, sender=organisations["geneva_cso"], status="declined", sent_at=NOW - timedelta(days=3))


def test_the_known_numbers(activity, territories):
    figures = statistics.compute(territories["vaud"], now=NOW)
    assert figures.total == Count(12)
    # By need, a forward is not a new need: 7 + 1 legal.
    assert figures.by_need == [("Legal aid and documentation", Count(8)), ("Housing and shelter", Count(1, True)),
                               ("Language courses", Count(3, True))]
    # Answered: 5 accepted, 1 declined, 1 forwarded.
    assert (figures.acceptance.part, figures.acceptance.whole, figures.acceptance.percent) == (5, 7, 71)
    assert figures.waiting.median_hours == 6.0
    # Unmet: 1 declined + 3 language waiting 10 days (normal: 7 days); the urgent one is an hour old.
    assert figures.unmet == Count(4, True)
    assert figures.unmet_by_need == [("Language courses", Count(3, True)), ("Legal aid and documentation",
                                                                            Count(1, True))]
    appartenances, roseraie = figures.by_provider
    assert (appartenances.name, appartenances.received, appartenances.unmet) == ("Appartenances", Count(8),
                                                                                  Count(1, True))
    assert (appartenances.acceptance.percent, appartenances.waiting.median_hours) == (71, 6.0)
    # The Roseraie received 5; hiding only its 3 unmet would give them away from the total: both are hidden.
    assert (roseraie.name, roseraie.received, roseraie.unmet) == ("Centre de la Roseraie", Count(5), Count(3, True))
    assert roseraie.acceptance.hidden and roseraie.waiting.hidden


def test_a_city_and_a_period(activity, territories):
    assert statistics.compute(territories["geneva"], now=NOW).total == Count(2, True)
    recent = statistics.compute(territories["vaud"], start=(NOW - timedelta(days=6)).date(), now=NOW)
    assert recent.total == Count(3, True)  # waiting for 2 days, the housing one, the forwarded one


def test_small_cells_are_hidden_and_one_hidden_cell_hides_the_next_smallest():
    assert statistics.suppress({"a": 12, "b": 3, "c": 7, "d": 9}) == {
        "a": Count(12), "b": Count(3, True), "c": Count(7, True), "d": Count(9)}
    assert statistics.suppress({"a": 12, "b": 3, "c": 2}) == {"a": Count(12), "b": Count(3, True), "c": Count(2, True)}
    assert statistics.suppress({"a": 12, "b": 0}) == {"a": Count(12), "b": Count(0)}


def test_the_page_for_coordinators(client, activity, people):
    client.force_login(people["vaud_admin"])
    response = client.get(reverse("referrals:statistics"), {"territory": "ch/vaud/"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "fewer than 5" in page and "71 %" in page and "is shown as “fewer than 5”" in page
    client.force_login(people["geneva_admin"])
    page = client.get(reverse("referrals:statistics"), {"territory": "ch/vaud/"}).content.decode()
    assert "Referral statistics for Geneva" in page  # Vaud is not theirs: their own territory instead
    client.force_login(people["caritas"])
    assert client.get(reverse("referrals:statistics")).status_code == 403


def test_unmet_referrals_by_category_for_the_gap_view(activity, territories):
    assert statistics.unmet_referrals_by_category(territories["vaud"], now=NOW) == {"legal": 1, "language": 3}
    assert statistics.unmet_referrals_by_category(territories["geneva"], now=NOW) == {"legal": 2}
    assert statistics.unmet_referrals_by_category(territories["vaud"], now=NOW + timedelta(days=400)) == {}


def test_unmet_referrals_are_a_signal_in_the_gap_view(client, record_referral, services, territories):
    lausanne = territories["lausanne"]
    housing = Need.objects.create(territory=lausanne, title="Accommodation", category="housing", severity=2)
    health = Need.objects.create(territory=lausanne, title="Health care", category="health", severity=2)
    for _ in range(6):
        record_referral(services["legal"], need="health", status="declined", sent_at=NOW - timedelta(days=30))
    record_referral(services["geneva"], need="housing", status="declined", sent_at=NOW - timedelta(days=30))
    ranked = gaps.gaps(territories["vaud"], now=NOW)
    # Both uncovered and as severe: the one with more unmet referrals first, though "Accommodation" sorts first.
    assert [(gap.need, gap.rank, gap.unmet_referrals) for gap in ranked] == [
        (health, gaps.Rank.UNCOVERED, Count(6)), (housing, gaps.Rank.UNCOVERED, Count(1, True))]
    page = client.get("/en/coordination/gaps/", {"territory": "ch/vaud/"}).content.decode()
    assert "Unmet referrals in the last year:</strong> 6" in page
    assert "Unmet referrals in the last year:</strong> fewer than 5" in page
