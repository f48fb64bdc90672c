"""Who may do what on the portal's pages: the public reads published priorities and projects and filters
them without JavaScript; a territory's administrators manage its priorities and projects only (another
territory gets 403), follow up its pledges, and see matched people without their address unless they opted in;
writing to them goes through the platform."""
from datetime import timedelta

import pytest
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.diaspora import pledges, profiles
from corridor.diaspora.models import ContactRequest, Priority, Project

PROJECT_FORM = {
    "title": "Bibliothèque numérique", "description": "Des tablettes pour les lycées.", "content_language": "fr",
    "kind": "philanthropy", "sector": "education", "skills": ["it"], "skill_tags": "Tablettes, Moodle",
    "languages": ["fr"], "budget": "8000000", "currency": "xof", "status": "open", "title_en": "Digital library",
}


def titles(response) -> list[str]:
    return [project.title for project, _totals in response.context["rows"]]


def test_the_public_reads_what_is_published(client, projects):
    assert titles(client.get("/en/diaspora/")) == ["Cadastre numérique", "Maternité régionale", "Noix de cajou"]
    assert client.get(f"/en/diaspora/projects/{projects['maternity'].uuid}/").status_code == 200
    assert client.get(f"/en/diaspora/projects/{projects['draft'].uuid}/").status_code == 403
    assert client.get(f"/en/diaspora/projects/{projects['draft'].uuid}/pledge/").status_code == 403


@pytest.mark.parametrize("query, expected", [
    ("kind=investment", ["Noix de cajou"]),
    ("sector=data", ["Cadastre numérique"]),
    ("skill=finance", ["Noix de cajou"]),
    ("territory=sn/sedhiou/goudomp/", ["Noix de cajou"]),
    ("territory=sn/&kind=philanthropy", ["Maternité régionale"]),
    ("q=maternity", ["Maternité régionale"]),  # its English title
    ("q=salud", ["Maternité régionale"]),  # its sector's label in Spanish
    ("q=qgis&skill=data", ["Cadastre numérique"]),
    ("skill=law", []),
])
def test_filtering_projects_with_a_plain_form(client, projects, query, expected):
    assert titles(client.get(f"/en/diaspora/?{query}")) == expected


def test_a_territory_manages_only_its_projects(client, projects, sedhiou_admin, users):
    project = projects["maternity"]
    for user, status in ((sedhiou_admin, 200), (users["vaud_admin"], 403), (users["geneva_admin"], 403),
                         (users["caritas"], 403), (users["platform"], 200)):
        client.force_login(user)
        assert client.get(f"/en/diaspora/projects/{project.uuid}/edit/").status_code == status
        assert client.get(f"/en/diaspora/projects/{project.uuid}/people/").status_code == status
    client.force_login(users["vaud_admin"])
    assert client.post(f"/en/diaspora/projects/{project.uuid}/edit/", {**PROJECT_FORM,
                                                                       "territory": project.territory_id}).status_code == 403
    assert client.post(f"/en/diaspora/projects/{project.uuid}/delete/").status_code == 403
    assert client.get("/en/diaspora/manage/?territory=sn/sedhiou/").status_code == 403
    assert Project.objects.get(pk=project.pk).title == "Maternité régionale"
    client.force_login(sedhiou_admin)
    assert client.get("/en/diaspora/manage/?territory=ch/vaud/").status_code == 403
    assert client.get(f"/en/diaspora/projects/{projects['draft'].uuid}/").status_code == 200


def test_an_administrator_writes_projects_of_their_territory_only(client, sedhiou, sedhiou_admin, territories):
    client.force_login(sedhiou_admin)
    form = client.get("/en/diaspora/manage/projects/new/?territory=sn/sedhiou/").content.decode()
    assert "Vaud" not in form and 'value="XOF"' in form  # the currency of Senegal
    forged = client.post("/en/diaspora/manage/projects/new/", {**PROJECT_FORM, "territory": territories["vaud"].pk})
    assert forged.status_code == 200 and not Project.objects.exists()
    response = client.post("/en/diaspora/manage/projects/new/", {**PROJECT_FORM, "territory": sedhiou["goudomp"].pk})
    project = Project.objects.get()
    assert response["Location"] == f"/en/diaspora/projects/{project.uuid}/"
    assert (project.territory, project.currency, project.skill_tags, project.created_by) == (
        sedhiou["goudomp"], "XOF", ["tablettes", "moodle"], sedhiou_admin)
    assert project.translations == {"en": {"title": "Digital library"}}
    assert "moodle" in project.search_document and "education" in project.search_document


def test_priorities_are_public_once_published(client, sedhiou, sedhiou_admin):
    client.force_login(sedhiou_admin)
    client.post("/en/diaspora/manage/priorities/new/", {
        "territory": sedhiou["sedhiou"].pk, "sector": "water", "title": "Eau potable", "description": "Des forages.",
        "content_language": "fr", "is_published": "on"})
    client.post("/en/diaspora/manage/priorities/new/", {
        "territory": sedhiou["sedhiou"].pk, "sector": "health", "title": "En préparation", "content_language": "fr"})
    assert Priority.objects.count() == 2
    client.logout()
    page = client.get("/en/diaspora/priorities/?territory=sn/").content.decode()
    assert "Eau potable" in page and "En préparation" not in page


def test_matched_people_are_shown_without_their_address_unless_they_opted_in(
        client, projects, awa, moussa, sedhiou_admin):
    client.force_login(sedhiou_admin)
    response = client.get(f"/en/diaspora/projects/{projects['cadastre'].uuid}/people/")
    page = response.content.decode()
    assert [(row["profile"].display_name, row["match"].score) for row in response.context["rows"]] == [
        ("Moussa D.", 100), ("Awa S.", 45)]
    assert "Awa S." in page and "Spain" in page and "Medicine, nursing and public health" in page
    assert "awa@example.org" not in page  # Awa keeps her address to herself
    assert "moussa@example.org" in page  # Moussa opted in to share it
    event = AuditEvent.objects.get(action="diaspora.contacts_read")
    assert event.actor == sedhiou_admin and event.detail == {"profiles": [str(moussa.uuid)]}


def test_writing_to_a_matched_person_goes_through_the_platform(client, projects, awa, sedhiou_admin, users,
                                                               mailoutbox, django_capture_on_commit_callbacks):
    project = projects["maternity"]
    url = f"/en/diaspora/projects/{project.uuid}/people/{awa.uuid}/contact/"
    client.force_login(users["vaud_admin"])
    assert client.post(url, {"message": "Bonjour"}).status_code == 403
    client.force_login(sedhiou_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Bonjour Awa, pourriez-vous former nos sages-femmes ?"})
    assert response["Location"] == f"/en/diaspora/projects/{project.uuid}/people/"
    message = mailoutbox[0]
    assert message.to == ["awa@example.org"] and message.reply_to == ["ard@sedhiou.example.sn"]
    assert "pourriez-vous former nos sages-femmes" in message.body
    assert "awa@example.org" not in client.get(response["Location"]).content.decode()
    # Once a week per person and project.
    client.post(url, {"message": "Relance"})
    assert ContactRequest.objects.count() == 1 and len(mailoutbox) == 1
    ContactRequest.objects.update(sent_at=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "Relance"})
    assert ContactRequest.objects.count() == 2


def test_people_not_matched_cannot_be_written_to(client, projects, sedhiou, sedhiou_admin, mailoutbox):
    from .conftest import make_person

    stranger = make_person("x@example.org", "X", interest_kinds=["investment"], languages=["sq"])
    client.force_login(sedhiou_admin)
    client.post(f"/en/diaspora/projects/{projects['maternity'].uuid}/people/{stranger.uuid}/contact/",
                {"message": "Bonjour"})
    assert not ContactRequest.objects.exists() and not mailoutbox


def test_a_pledge_is_followed_up_by_its_territory_and_read_by_its_pledger_only(
        client, projects, awa, moussa, sedhiou_admin, users):
    made = pledges.make_pledge(projects["maternity"], awa, kind="philanthropy", amount=50, currency="EUR")
    url = f"/en/diaspora/pledges/{made.uuid}/"
    for user in (users["vaud_admin"], users["caritas"]):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(f"{url}step/", {"status": "accepted"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 403
    client.post(f"/en/diaspora/access/{profiles.access_token(moussa)}/")
    assert client.get(url).status_code == 403
    assert client.post(f"{url}withdraw/").status_code == 403
    client.post(f"/en/diaspora/access/{profiles.access_token(awa)}/")
    assert "Withdraw my pledge" in client.get(url).content.decode()
    client.post(f"{url}withdraw/")
    made.refresh_from_db()
    assert made.status == "withdrawn"


def test_the_progress_chart_on_the_project_page(client, projects, awa, sedhiou_admin):
    made = pledges.make_pledge(projects["maternity"], awa, kind="philanthropy", amount=3_000_000, currency="XOF")
    pledges.change_status(made, "accepted", by=sedhiou_admin)
    page = client.get(f"/en/diaspora/projects/{projects['maternity'].uuid}/").content.decode()
    assert "F\u202fCFA3,000,000 pledged and accepted of a budget of F\u202fCFA30,000,000 (10%)." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page and "Pledges in XOF" in page
    assert "Awa S." not in page  # the public sees totals, not who pledged
    arabic = client.get(f"/ar/diaspora/projects/{projects['maternity'].uuid}/").content.decode()
    assert 'dir="rtl"' in arabic and "<svg" in arabic
