"""Pledges: what each kind needs, the follow-up steps allowed to the team and to the pledger, the totals per
currency and in hours, and the e-mails sent once a change is committed."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from corridor.diaspora import notifications, pledges, profiles
from corridor.diaspora.models import Pledge, PledgeEvent

from .conftest import make_person, make_project


def pledge(project, profile, **offer):
    offer = {"kind": "philanthropy", "amount": Decimal(100), "currency": "EUR", **offer}
    return pledges.make_pledge(project, profile, **offer)


def test_what_each_kind_of_pledge_needs():
    assert pledges.offer_problems("investment", None, "", None, "") == {
        "amount": "Give the amount you pledge.", "currency": "Give the currency of the amount."}
    assert pledges.offer_problems("volunteering", Decimal(5), "EUR", None, "") == {
        "amount": "Volunteering and skills transfer are pledged in hours, not money.",
        "hours": "Give the number of hours you offer."}
    assert pledges.offer_problems("skills-transfer", None, "", 20, "") == {
        "skill": "Choose the skill you offer to pass on."}
    assert pledges.offer_problems("skills-transfer", None, "", None, "data") == {}


def test_a_closed_project_or_an_unconfirmed_person_cannot_pledge(projects, awa):
    projects["maternity"].deadline = timezone.localdate() - timedelta(days=1)
    with pytest.raises(pledges.PledgeError, match="no longer takes pledges"):
        pledge(projects["maternity"], awa)
    unconfirmed = make_person("new@example.org", "New", confirmed=False)
    with pytest.raises(pledges.PledgeError, match="Confirm your e-mail address"):
        pledge(projects["cadastre"], unconfirmed, kind="volunteering", amount=None, hours=5)
    with pytest.raises(pledges.PledgeError, match="Give the number of hours"):
        pledge(projects["cadastre"], awa, kind="volunteering", amount=None)


def test_the_follow_up_steps(projects, awa, sedhiou_admin):
    offered = pledge(projects["maternity"], awa)
    assert pledges.next_statuses(offered, by_pledger=False) == ("accepted", "withdrawn")
    assert pledges.next_statuses(offered, by_pledger=True) == ("withdrawn",)
    with pytest.raises(pledges.PledgeError, match="cannot become “Fulfilled”"):
        pledges.change_status(offered, "fulfilled", by=sedhiou_admin)
    with pytest.raises(pledges.PledgeError, match="cannot become “Accepted”"):
        pledges.change_status(offered, "accepted", by_pledger=True)  # the pledger may only withdraw
    pledges.change_status(offered, "accepted", by=sedhiou_admin, note="Merci !")
    pledges.change_status(offered, "in-progress", by=sedhiou_admin)
    pledges.change_status(offered, "fulfilled", by=sedhiou_admin, note="Reçu.")
    assert pledges.next_statuses(offered, by_pledger=False) == () == pledges.next_statuses(offered, by_pledger=True)
    with pytest.raises(pledges.PledgeError):
        pledges.change_status(offered, "withdrawn", by_pledger=True)
    events = list(PledgeEvent.objects.filter(pledge=offered).values_list("status", "note", "by_pledger"))
    assert events == [("offered", "", True), ("accepted", "Merci !", False), ("in-progress", "", False),
                      ("fulfilled", "Reçu.", False)]


def test_the_team_says_why_it_withdraws_a_pledge(projects, awa, sedhiou_admin):
    offered = pledge(projects["maternity"], awa)
    with pytest.raises(pledges.PledgeError, match="Say why"):
        pledges.change_status(offered, "withdrawn", by=sedhiou_admin)
    pledges.change_status(offered, "withdrawn", by=sedhiou_admin, note="Le projet est annulé.")
    assert Pledge.objects.get(pk=offered.pk).status == "withdrawn"


def test_a_stale_copy_cannot_move_a_pledge_twice(projects, awa, sedhiou_admin):
    offered = pledge(projects["maternity"], awa)
    stale = Pledge.objects.get(pk=offered.pk)
    pledges.change_status(offered, "withdrawn", by_pledger=True)
    with pytest.raises(pledges.PledgeError):
        pledges.change_status(stale, "accepted", by=sedhiou_admin)  # read again before moving: it is withdrawn


def test_totals_per_currency_and_in_hours(projects, awa, moussa, sedhiou_admin):
    maternity, cadastre = projects["maternity"], projects["cadastre"]
    for amount, currency, steps in ((2_500_000, "XOF", ["accepted", "fulfilled"]), (1_000_000, "XOF", ["accepted"]),
                                    (500_000, "XOF", []), (400, "EUR", ["accepted", "in-progress"]),
                                    (300, "EUR", ["withdrawn"])):
        made = pledge(maternity, awa, amount=Decimal(amount), currency=currency)
        for step in steps:
            pledges.change_status(made, step, by=sedhiou_admin, note="Annulé." if step == "withdrawn" else "")
    for hours, steps in ((40, ["accepted"]), (10, []), (25, ["accepted", "fulfilled"])):
        made = pledge(cadastre, moussa, kind="skills-transfer", amount=None, currency="", hours=hours, skill="data")
        for step in steps:
            pledges.change_status(made, step, by=sedhiou_admin)
    totals = pledges.totals_for([maternity, cadastre])
    xof, eur = totals[maternity.pk].money
    assert (xof.currency, xof.budget, xof.offered, xof.committed, xof.fulfilled) == (
        "XOF", Decimal(30_000_000), Decimal(500_000), Decimal(1_000_000), Decimal(2_500_000))
    assert (xof.pledged, xof.share) == (Decimal(3_500_000), 11)  # 11.67 %, rounded down
    assert (eur.currency, eur.budget, eur.offered, eur.committed, eur.fulfilled, eur.share) == (
        "EUR", None, 0, Decimal(400), 0, None)  # the withdrawn 300 are not counted
    assert totals[maternity.pk].pledges == 4
    hours = totals[cadastre.pk].hours
    assert (hours.sought, hours.offered, hours.committed, hours.fulfilled, hours.pledged, hours.share) == (
        300, 10, 40, 25, 65, 21)
    assert totals[cadastre.pk].money == [] and totals[cadastre.pk].main is None


def test_emails_follow_each_change_once_committed(projects, awa, sedhiou_admin, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = pledge(projects["maternity"], awa, message="Pour la couveuse")
    team = mailoutbox.pop()
    assert team.to == ["ard@sedhiou.example.sn"] and team.subject == "New pledge to “Maternité régionale”"
    assert "Awa S. pledged" in team.body and "Pour la couveuse" in team.body and "awa@example.org" not in team.body
    with django_capture_on_commit_callbacks(execute=True):
        pledges.change_status(made, "accepted", by=sedhiou_admin, note="Merci, virement attendu.")
    person = mailoutbox.pop()
    assert person.to == ["awa@example.org"] and "Accepted" in person.subject
    assert "Merci, virement attendu." in person.body and "/access/" in person.body  # a fresh link to her pledges
    with django_capture_on_commit_callbacks(execute=True):
        pledges.change_status(made, "withdrawn", by_pledger=True)
    assert mailoutbox.pop().to == ["ard@sedhiou.example.sn"]
    assert not mailoutbox
    # A change that rolls back sends nothing.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pledge(projects["maternity"], awa)
    assert len(callbacks) == 1 and not mailoutbox


def test_the_team_of_a_territory_without_administrators_is_the_nearest_containing_one(sedhiou, sedhiou_admin, awa):
    in_goudomp = make_project(sedhiou["goudomp"], "Puits")
    assert notifications.project_team(in_goudomp) == [("ard@sedhiou.example.sn", "")]
    assert notifications.project_team(make_project(sedhiou["dakar"], "Ailleurs")) == []


def test_pledging_and_following_up_on_the_pages(client, projects, awa, sedhiou_admin, mailoutbox):
    project = projects["cadastre"]
    client.post(f"/en/diaspora/access/{profiles.access_token(awa)}/")
    form = client.get(f"/en/diaspora/projects/{project.uuid}/pledge/").content.decode()
    assert "Pledging as Awa S." in form
    refused = client.post(f"/en/diaspora/projects/{project.uuid}/pledge/", {
        "pledger": str(awa.uuid), "kind": "skills-transfer", "hours": "12", "message": "Formation QGIS"})
    assert "Choose the skill you offer to pass on." in refused.content.decode()
    assert "Formation QGIS" in refused.content.decode()  # what was typed is kept
    response = client.post(f"/en/diaspora/projects/{project.uuid}/pledge/", {
        "pledger": str(awa.uuid), "kind": "skills-transfer", "hours": "12", "skill": "health",
        "message": "Formation QGIS"})
    made = Pledge.objects.get()
    assert response["Location"] == f"/en/diaspora/pledges/{made.uuid}/"
    assert (made.profile, made.hours, made.skill, made.currency, made.amount) == (awa, 12, "health", "", None)
    # The team accepts it on the pledge's page.
    client.force_login(sedhiou_admin)
    page = client.get(f"/en/diaspora/pledges/{made.uuid}/").content.decode()
    assert "Awa S." in page and "awa@example.org" not in page
    client.post(f"/en/diaspora/pledges/{made.uuid}/step/", {"status": "accepted", "note": "Bienvenue"})
    assert Pledge.objects.get().status == "accepted"
