"""Initiatives: who may change them, the public list and its filters, the page, and the edit form with its
partners, fundings, results and indicators (nested formsets, no JavaScript)."""
from decimal import Decimal

import pytest
from django.utils import timezone

from corridor.coordination import initiatives
from corridor.coordination.models import Call, Funding, Indicator, Initiative, InitiativePartner, Proposal, Result
from corridor.territories.models import Territory

from .initiative_data import make_initiative


@pytest.fixture
def listed(organisations, territories, french_courses):
    """Besides the French courses (Lausanne, in implementation): a Geneva project with Renens as partner
    territory, a Renens project being identified, and a closed one in Geneva."""
    kosovo = Territory.objects.create(name="Kosovo", kind="country", country_code="XK", slug="xk")
    return {
        "french": french_courses,
        "corridor": make_initiative(organisations["geneva_cso"], "Corridor Genève–Renens",
                                    partner_territory=territories["renens"],
                                    terms={"phase": ["return"], "category": ["reintegration"]},
                                    status=Initiative.Status.IMPLEMENTATION),
        "pipeline": make_initiative(organisations["appartenances"], "Projet en préparation",
                                    territory=territories["renens"], status=Initiative.Status.PIPELINE,
                                    terms={"category": ["health"], "target_group": ["refugees"]}),
        "geneva": make_initiative(organisations["geneva_cso"], "Projet genevois fermé",
                                  status=Initiative.Status.CLOSED),
        "kosovo": make_initiative(organisations["caritas"], "Projet au Kosovo", territory=kosovo,
                                  status=Initiative.Status.IMPLEMENTATION),
    }


def titles(response) -> list[str]:
    return [initiative.title for initiative, _terms in response.context["rows"]]


def test_who_may_change_an_initiative(users, listed, territories):
    french, corridor = listed["french"], listed["corridor"]
    assert initiatives.can_edit(users["caritas"], french)  # member of the lead organisation
    assert initiatives.can_edit(users["caritas"], listed["kosovo"])  # wherever it works
    assert not initiatives.can_edit(users["caritas"], listed["pipeline"])  # another organisation's
    assert initiatives.can_edit(users["vaud_admin"], french) and initiatives.can_edit(users["vaud_admin"],
                                                                                    listed["pipeline"])
    assert not initiatives.can_edit(users["vaud_admin"], corridor)  # Geneva's, even with a partner in Vaud
    assert initiatives.can_edit(users["geneva_admin"], corridor) and not initiatives.can_edit(users["geneva_admin"],
                                                                                             french)
    assert initiatives.can_edit(users["platform"], corridor)
    assert set(initiatives.editable_initiatives(users["caritas"])) == {french, listed["kosovo"]}
    assert set(initiatives.editable_initiatives(users["vaud_admin"])) == {french, listed["pipeline"]}


def test_everyone_reads_every_initiative_of_a_territory_whatever_its_status(client, listed):
    response = client.get("/en/coordination/initiatives/?territory=ch/vaud/")
    # Vaud's own, and Geneva's corridor with Renens; not Geneva's own nor Kosovo's.
    assert titles(response) == ["Corridor Genève–Renens", "Cours de français", "Projet en préparation"]
    assert "Identification" in response.content.decode()
    assert client.get(f"/en/coordination/initiatives/{listed['pipeline'].uuid}/").status_code == 200


@pytest.mark.parametrize("query, expected", [
    ("phase=return", ["Corridor Genève–Renens"]),
    ("category=education", ["Cours de français"]),
    ("group=refugees", ["Projet en préparation"]),
    ("status=pipeline", ["Projet en préparation"]),
    ("q=quartiers", ["Cours de français"]),
])
def test_filters(client, listed, query, expected):
    assert titles(client.get(f"/en/coordination/initiatives/?territory=ch/vaud/&{query}")) == expected


def test_an_organisation_finds_what_it_leads_partners_or_funds(client, listed, organisations):
    appartenances = organisations["appartenances"].pk  # leads the pipeline project, partners and funds the courses
    assert titles(client.get(f"/en/coordination/initiatives/?territory=ch/&organisation={appartenances}")) == [
        "Cours de français", "Projet en préparation"]


def test_the_page_shows_partners_fundings_and_results_with_progress(client, french_courses):
    page = client.get(f"/en/coordination/initiatives/{french_courses.uuid}/").content.decode()
    for text in ("French courses", "Appartenances", "Implementing", "Fondation Exemple", "CHF60,000",
                 "€25,000", "Autonomie en français", "Participants au niveau A2", "50%"):
        assert text in page, text
    assert "Edit" not in page  # the public does not edit


def test_progress_runs_from_the_baseline_to_the_target():
    assert initiatives.progress(Indicator(baseline=Decimal(20), target=Decimal(60), actual=Decimal(40))) == 50
    assert initiatives.progress(Indicator(target=Decimal(300), actual=Decimal(120))) == 40
    assert initiatives.progress(Indicator(target=Decimal(300))) is None
    assert initiatives.progress(Indicator(baseline=Decimal(5), target=Decimal(5), actual=Decimal(6))) is None


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def new_initiative_data(organisations, territories, **changes):
    return {
        "title": "Permanence d'accueil", "description": "Accueil et orientation.", "content_language": "fr",
        "lead_organisation": organisations["caritas"].pk, "territory": territories["lausanne"].pk,
        "partner_territory": "", "status": "implementation", "start_date": "2025-01-01", "end_date": "2025-12-31",
        "budget": "50000", "currency": "chf", "categories": ["information"], "phases": ["destination"],
        "title_en": "Welcome desk",
        **management("partners", 1), "partners-0-organisation": organisations["appartenances"].pk,
        "partners-0-role": "implementing",
        **management("fundings", 1), "fundings-0-donor_name": "Ville de Lausanne", "fundings-0-amount": "30000",
        "fundings-0-currency": "CHF",
        **management("results", 1), "results-0-kind": "output", "results-0-title": "Personnes accueillies",
        **management("results-0-indicators", 1), "results-0-indicators-0-title": "Personnes reçues",
        "results-0-indicators-0-unit": "personnes", "results-0-indicators-0-target": "500",
        **changes,
    }


def test_a_member_records_an_initiative_with_its_partners_fundings_results_and_indicators(
        client, users, organisations, territories):
    client.force_login(users["caritas"])
    response = client.post("/en/coordination/initiatives/new/", new_initiative_data(organisations, territories))
    initiative = Initiative.objects.get()
    assert response.url == f"/en/coordination/initiatives/{initiative.uuid}/"
    assert (initiative.currency, initiative.created_by, initiative.translations) == (
        "CHF", users["caritas"], {"en": {"title": "Welcome desk"}})
    assert initiatives.term_codes(initiative)["category"] == ["information"]
    assert list(initiative.partners.values_list("organisation__name", "role")) == [("Appartenances", "implementing")]
    assert list(initiative.fundings.values_list("donor_name", "amount")) == [("Ville de Lausanne", 30000)]
    [indicator] = Indicator.objects.filter(result__initiative=initiative)
    assert (indicator.result.title, indicator.title, indicator.target) == ("Personnes accueillies", "Personnes reçues",
                                                                            500)


def test_errors_are_shown_and_nothing_is_lost(client, users, organisations, territories):
    client.force_login(users["caritas"])
    data = new_initiative_data(organisations, territories, **{
        "end_date": "2024-01-01", "fundings-0-currency": "ECU", "results-0-title": "",
        "results-0-indicators-0-title": "Sans résultat"})
    response = client.post("/en/coordination/initiatives/new/", data)
    page = response.content.decode()
    assert response.status_code == 200 and not Initiative.objects.exists()
    for message in ("The end is before the start.", "“ECU” is not an ISO 4217 currency code",
                    "Give the result a title: its indicators belong to it."):
        assert message in page, message
    assert 'value="Sans résultat"' in page and 'value="Permanence d&#x27;accueil"' in page


def test_editing_adds_deletes_and_changes_rows(client, users, french_courses, organisations):
    client.force_login(users["caritas"])
    partner = french_courses.partners.get()
    chf, eur = french_courses.fundings.order_by("pk")
    outcome, empty = french_courses.results.order_by("pk")
    first, second = outcome.indicators.order_by("pk")
    data = {
        "title": "Cours de français", "description": "Cours du soir.", "content_language": "fr",
        "lead_organisation": organisations["caritas"].pk, "territory": french_courses.territory_id,
        "status": "finalisation", "currency": "CHF", "categories": ["language"],
        **management("partners", 1, 1), "partners-0-id": partner.pk, "partners-0-organisation": partner.organisation_id,
        "partners-0-role": "accountable",
        **management("fundings", 2, 2), "fundings-0-id": chf.pk, "fundings-0-donor": chf.donor_id,
        "fundings-0-amount": "60000", "fundings-0-currency": "CHF", "fundings-1-id": eur.pk,
        "fundings-1-donor_name": "Fondation Exemple", "fundings-1-amount": "25000", "fundings-1-currency": "EUR",
        "fundings-1-DELETE": "on",
        **management("results", 3, 2), "results-0-id": outcome.pk, "results-0-kind": "outcome",
        "results-0-title": "Autonomie en français", "results-1-id": empty.pk, "results-1-kind": "output",
        "results-1-title": "Un résultat sans indicateur", "results-1-DELETE": "on",
        "results-2-kind": "output", "results-2-title": "",
        **management("results-0-indicators", 3, 2), "results-0-indicators-0-id": first.pk,
        "results-0-indicators-0-title": first.title, "results-0-indicators-0-actual": "55",
        "results-0-indicators-0-target": "60", "results-0-indicators-1-id": second.pk,
        "results-0-indicators-1-title": second.title, "results-0-indicators-1-DELETE": "on",
        "results-0-indicators-2-title": "Certificats obtenus", "results-0-indicators-2-actual": "12",
        **management("results-1-indicators", 1, 0), **management("results-2-indicators", 1, 0),
        "continue": "1",
    }
    response = client.post(f"/en/coordination/initiatives/{french_courses.uuid}/edit/", data)
    assert response.url == f"/en/coordination/initiatives/{french_courses.uuid}/edit/"  # more rows to fill in
    french_courses.refresh_from_db()
    assert french_courses.status == Initiative.Status.FINALISATION
    assert list(french_courses.partners.values_list("role", flat=True)) == ["accountable"]
    assert list(Funding.objects.filter(initiative=french_courses).values_list("currency", flat=True)) == ["CHF"]
    assert list(Result.objects.filter(initiative=french_courses).values_list("title", flat=True)) == [
        "Autonomie en français"]
    assert list(outcome.indicators.order_by("pk").values_list("title", "actual")) == [
        ("Participants au niveau A2", 55), ("Certificats obtenus", 12)]


def test_members_edit_only_their_organisations_initiatives(client, users, organisations, territories, french_courses):
    other = make_initiative(organisations["appartenances"], "Projet d'Appartenances")
    client.force_login(users["caritas"])
    assert client.get(f"/en/coordination/initiatives/{other.uuid}/edit/").status_code == 403
    assert client.post(f"/en/coordination/initiatives/{other.uuid}/delete/").status_code == 403
    # A member cannot hand an initiative to another organisation.
    data = new_initiative_data(organisations, territories, lead_organisation=organisations["appartenances"].pk)
    response = client.post("/en/coordination/initiatives/new/", data)
    assert response.status_code == 200 and not Initiative.objects.filter(title="Permanence d'accueil").exists()
    client.force_login(users["geneva_admin"])
    assert client.get(f"/en/coordination/initiatives/{french_courses.uuid}/edit/").status_code == 403
    client.force_login(users["vaud_admin"])
    assert client.get(f"/en/coordination/initiatives/{other.uuid}/edit/").status_code == 200
    client.logout()
    assert client.get(f"/en/coordination/initiatives/{other.uuid}/edit/").status_code == 302  # to sign in
    assert client.get("/en/coordination/initiatives/new/").status_code == 302


def test_a_territory_administrator_keeps_initiatives_in_their_territories(client, users, organisations, territories):
    client.force_login(users["vaud_admin"])
    data = new_initiative_data(organisations, territories, territory=territories["geneva"].pk)
    response = client.post("/en/coordination/initiatives/new/", data)
    assert "You could no longer edit the initiative" in response.content.decode()
    data = new_initiative_data(organisations, territories, territory=territories["renens"].pk,
                               partner_territory=territories["geneva"].pk)
    assert client.post("/en/coordination/initiatives/new/", data).status_code == 302
    initiative = Initiative.objects.get()
    client.post(f"/en/coordination/initiatives/{initiative.uuid}/delete/")
    assert not Initiative.objects.exists() and not InitiativePartner.objects.exists()


def test_the_partner_territory_is_another_territory(client, users, organisations, territories):
    client.force_login(users["caritas"])
    data = new_initiative_data(organisations, territories, partner_territory=territories["lausanne"].pk)
    assert "The partner territory is the other end" in client.post("/en/coordination/initiatives/new/",
                                                                   data).content.decode()


def test_an_initiative_born_from_a_proposal_names_its_call(client, french_courses, territories, organisations):
    call = Call.objects.create(territory=territories["vaud"], title="Appel 2025", budget=1,
                               deadline=timezone.now(), status=Call.Status.DECIDED)
    Proposal.objects.create(call=call, organisation=organisations["caritas"], title="P", summary="S",
                            requested_amount=1, status=Proposal.Status.ACCEPTED, initiative=french_courses)
    assert "Appel 2025" in client.get(f"/en/coordination/initiatives/{french_courses.uuid}/").content.decode()
