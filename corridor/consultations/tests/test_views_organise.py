"""Organisers create and run consultations and write their reports; the rights come from
access.can_organise."""
import pytest
from django.urls import reverse

from corridor.consultations import moderation, reporting
from corridor.consultations.forms import ReportEditForm
from corridor.consultations.models import CandidatePractice, Consultation, Participant, Report

from .helpers import submit


def settings_form(territory="", organisations=(), **overrides):
    data = {"title": "Jobs for returnees", "slug": "returnees", "content_language": "en",
            "description": "How can towns help people who come back?", "kind": "e-discussion",
            "languages": ["en", "fr"], "visibility": "public", "opens_at": "", "closes_at": "",
            "premoderation": "on", "allow_anonymous": "on", "territory": territory,
            "organising_organisations": list(organisations), "title_fr": "Des emplois pour les personnes de retour",
            "description_fr": "", "title_es": "", "description_es": "", "title_ar": "", "description_ar": "",
            "title_en": "", "description_en": ""}
    data.update(overrides)
    return data


def test_a_territory_administrator_creates_a_consultation(client, users, territories):
    client.force_login(users["vaud_admin"])
    form = client.get(reverse("consultations:create")).content.decode()
    assert "Lausanne" in form and ">Geneva<" not in form
    response = client.post(reverse("consultations:create"), settings_form(territory=territories["lausanne"].pk))
    consultation = Consultation.objects.get(slug="returnees")
    assert response["Location"] == reverse("consultations:questions", args=["returnees"])
    assert consultation.status == Consultation.Status.DRAFT and consultation.created_by == users["vaud_admin"]
    assert consultation.translations == {"fr": {"title": "Des emplois pour les personnes de retour"}}
    assert list(consultation.organisers.all()) == [users["vaud_admin"]]


def test_organisers_choose_only_their_territories_and_organisations(client, users, territories, organisations):
    client.force_login(users["vaud_admin"])
    response = client.post(reverse("consultations:create"), settings_form(territory=territories["geneva"].pk))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    client.force_login(users["caritas"])
    response = client.post(reverse("consultations:create"),
                           settings_form(organisations=[organisations["geneva_cso"].pk]))
    assert response.status_code == 200 and not Consultation.objects.exists()
    client.post(reverse("consultations:create"), settings_form(organisations=[organisations["caritas"].pk]))
    assert list(Consultation.objects.get().organising_organisations.all()) == [organisations["caritas"]]


def test_errors_keep_what_was_typed_and_short_names_are_checked(client, users):
    client.force_login(users["vaud_admin"])
    response = client.post(reverse("consultations:create"), settings_form(
        slug="organise", opens_at="2030-07-08T09:00", closes_at="2030-07-01T09:00"))
    body = response.content.decode()
    assert "This short name is reserved" in body and "must close after it opens" in body
    assert 'value="Jobs for returnees"' in body and "How can towns help people who come back?" in body


def test_people_without_a_role_cannot_create(client, users, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", "nobody@example.org", "pw"))
    assert client.get(reverse("consultations:create")).status_code == 403


def test_only_organisers_reach_the_organiser_pages(client, consultation, users):
    pages = [reverse(name, args=[consultation.slug]) for name in
             ("consultations:edit", "consultations:questions", "consultations:invite", "consultations:moderation",
              "consultations:reports")]
    # An administrator of another territory, a member of an unrelated organisation.
    for person in (users["geneva_admin"], users["caritas"]):
        client.force_login(person)
        for url in pages:
            assert client.get(url).status_code == 403, url
        assert client.post(reverse("consultations:status", args=[consultation.slug]),
                           {"status": "closed"}).status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN
    client.force_login(users["vaud_admin"])
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_members_of_an_organising_organisation_organise(client, consultation, users, organisations):
    consultation.organising_organisations.add(organisations["caritas"])
    client.force_login(users["caritas"])
    assert client.get(reverse("consultations:edit", args=[consultation.slug])).status_code == 200
    assert consultation.title in client.get(reverse("consultations:mine")).content.decode()


def test_editing_keeps_choices_made_by_other_organisers(client, consultation, users, organisations):
    consultation.organising_organisations.add(organisations["geneva_cso"])
    client.force_login(users["vaud_admin"])
    client.post(reverse("consultations:edit", args=[consultation.slug]), settings_form(
        slug=consultation.slug, title="Renamed", territory=consultation.territory_id,
        organisations=[organisations["geneva_cso"].pk, organisations["caritas"].pk]))
    consultation.refresh_from_db()
    assert consultation.title == "Renamed"
    assert set(consultation.organising_organisations.all()) == {organisations["geneva_cso"], organisations["caritas"]}


def questions_form(consultation, **overrides):
    rounds = list(consultation.rounds.all())
    questions = list(consultation.questions.all())
    data = {"rounds-TOTAL_FORMS": str(len(rounds) + 2), "rounds-INITIAL_FORMS": str(len(rounds)),
            "rounds-MIN_NUM_FORMS": "0", "rounds-MAX_NUM_FORMS": "1000",
            "questions-TOTAL_FORMS": str(len(questions) + 3), "questions-INITIAL_FORMS": str(len(questions)),
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"}
    for index, round_ in enumerate(rounds):
        data.update({f"rounds-{index}-id": round_.pk, f"rounds-{index}-number": round_.number,
                     f"rounds-{index}-title": round_.title})
    for index, question in enumerate(questions):
        data.update({f"questions-{index}-id": question.pk, f"questions-{index}-number": question.number,
                     f"questions-{index}-text": question.text,
                     f"questions-{index}-round_number": question.round.number if question.round else ""})
    data.update(overrides)
    return data


def test_rounds_and_questions_with_translations(client, consultation, users):
    client.force_login(users["vaud_admin"])
    url = reverse("consultations:questions", args=[consultation.slug])
    rounds, questions = consultation.rounds.count(), consultation.questions.count()
    response = client.post(url, questions_form(consultation, **{
        f"rounds-{rounds}-number": "3", f"rounds-{rounds}-title": "Week 3", f"rounds-{rounds}-title_fr": "Semaine 3",
        f"questions-{questions}-number": "6", f"questions-{questions}-round_number": "3",
        f"questions-{questions}-text": "Which institutions make migrants' initiatives last?",
        f"questions-{questions}-text_fr": "Quelles institutions font durer les initiatives des migrants ?",
        f"questions-{questions}-text_es": "¿Qué instituciones hacen durar las iniciativas?",
    }))
    assert response.status_code == 302, response.content.decode()[:2000]
    question = consultation.questions.get(number=6)
    assert question.round.number == 3 and question.round.translations == {"fr": {"title": "Semaine 3"}}
    assert question.translations == {"fr": {"text": "Quelles institutions font durer les initiatives des migrants ?"},
                                     "es": {"text": "¿Qué instituciones hacen durar las iniciativas?"}}
    assert question.content_language == consultation.content_language


def test_question_errors_keep_what_was_typed(client, consultation, users):
    client.force_login(users["vaud_admin"])
    questions = consultation.questions.count()
    url = reverse("consultations:questions", args=[consultation.slug])
    response = client.post(url, questions_form(consultation, **{
        f"questions-{questions}-number": "1", f"questions-{questions}-text": "A second question one?"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the duplicate data for number" in body and "A second question one?" in body
    response = client.post(url, questions_form(consultation, **{
        f"questions-{questions}-number": "7", f"questions-{questions}-round_number": "9",
        f"questions-{questions}-text": "In a round that does not exist?"}))
    body = response.content.decode()
    assert "There is no round with this number" in body and "In a round that does not exist?" in body
    assert not consultation.questions.filter(number=7).exists()


def test_opening_tells_the_followers(client, consultation, users, mailoutbox, django_capture_on_commit_callbacks):
    consultation.status = Consultation.Status.DRAFT
    consultation.save()
    Participant.objects.create(consultation=consultation, email="follower@example.org", language="fr")
    Participant.objects.create(consultation=consultation, email="quiet@example.org", notify=False)
    client.force_login(users["vaud_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("consultations:status", args=[consultation.slug]), {"status": "open"})
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN
    assert [message.to for message in mailoutbox] == [["follower@example.org"]]
    assert "/fr/consultations/" in mailoutbox[0].body
    response = client.post(reverse("consultations:status", args=[consultation.slug]), {"status": "consolidated"},
                           follow=True)
    assert "cannot go from" in response.content.decode()


def test_invitations(client, consultation, users, mailoutbox, django_capture_on_commit_callbacks):
    consultation.visibility = Consultation.Visibility.INVITED
    consultation.save()
    client.force_login(users["vaud_admin"])
    url = reverse("consultations:invite", args=[consultation.slug])
    response = client.post(url, {"emails": "not an address"})
    assert "Not e-mail addresses: not an address" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"emails": f"{users['caritas'].email}, guest@example.org\nGUEST@example.org"})
    assert sorted(consultation.participants.filter(invited=True).values_list("email", flat=True)) == \
        sorted([users["caritas"].email, "guest@example.org"])
    assert sorted(message.to[0] for message in mailoutbox) == sorted([users["caritas"].email, "guest@example.org"])
    client.force_login(users["caritas"])
    assert client.get(reverse("consultations:detail", args=[consultation.slug])).status_code == 200


# The consolidated report.

def edit_data(report, **overrides):
    """The report's edit form as it comes, with some fields changed."""
    form = ReportEditForm(document=reporting.document(report))
    data = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in {**data, **overrides}.items() if value is not None}


@pytest.fixture
def with_contributions(consultation, users):
    for number, (name, text) in enumerate([
            ("Marco Rossi", "Twinning with the hometowns of the diaspora in Senegal works well."),
            ("Lucía Paredes", "Los hermanamientos con municipios de Ecuador dan resultados."),
            ("Awa Diop", "Les comités régionaux de Louga réunissent élus et associations de migrants.")], start=1):
        moderation.publish(submit(consultation, f"Question {number}: {text}", author_name=name,
                                  author_email=f"{number}@example.org"), users["vaud_admin"])
    return consultation


def test_organisers_request_edit_and_publish_a_report(client, with_contributions, users, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    consultation = with_contributions
    Participant.objects.create(consultation=consultation, email="follower@example.org")
    client.force_login(users["vaud_admin"])
    with django_capture_on_commit_callbacks(execute=True):  # the job runs at once in tests
        response = client.post(reverse("consultations:reports", args=[consultation.slug]))
    report = consultation.reports.get()
    assert response["Location"] == reverse("consultations:report-review", args=[consultation.slug, report.uuid])
    review = client.get(response["Location"]).content.decode()
    assert "Ready for review" in review and 'http-equiv="refresh"' not in review
    edit_url = reverse("consultations:report-edit", args=[consultation.slug, report.uuid])
    client.post(edit_url, edit_data(report, introduction="Three voices from three continents."))
    assert "Three voices from three continents." in client.get(response["Location"]).content.decode()
    public_url = reverse("consultations:report", args=[consultation.slug])
    assert client.get(public_url).status_code == 404  # not yet published
    client.post(reverse("consultations:report-publish", args=[consultation.slug, report.uuid]))
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    # Followers are told, contributors too (they follow what they contributed to).
    assert sorted(message.to[0] for message in mailoutbox if "/report/" in message.body) == \
        ["1@example.org", "2@example.org", "3@example.org", "follower@example.org"]
    client.logout()
    page = client.get(public_url).content.decode()
    assert "Three voices from three continents." in page
    assert reverse("consultations:report-download", args=[consultation.slug, report.uuid, "pdf"]) in page


@pytest.fixture
def ready_report(with_contributions, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = reporting.request_report(with_contributions, users["vaud_admin"])
    report.refresh_from_db()
    return report


@pytest.mark.parametrize("fmt, content_type", [
    ("pdf", "application/pdf"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("html", "text/html; charset=utf-8"),
])
def test_downloads(client, with_contributions, users, fmt, content_type, ready_report):
    consultation = with_contributions
    report = ready_report
    url = reverse("consultations:report-download", args=[consultation.slug, report.uuid, fmt])
    assert client.get(url).status_code == 404  # a draft, for organisers only
    client.force_login(users["vaud_admin"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="m4d-report-v1-draft.{fmt}"'
    reporting.publish(report, users["vaud_admin"])
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="m4d-report-v1.{fmt}"'


def test_a_report_in_progress_refreshes_itself(client, consultation, users):
    report = Report.objects.create(consultation=consultation, version=1, status=Report.Status.RUNNING)
    client.force_login(users["vaud_admin"])
    page = client.get(reverse("consultations:report-review", args=[consultation.slug, report.uuid])).content.decode()
    assert 'http-equiv="refresh"' in page and "Refresh now" in page
    assert client.get(reverse("consultations:report-edit", args=[consultation.slug, report.uuid])).status_code == 404


def test_candidate_practices_are_accepted_or_dismissed(client, with_contributions, users, ready_report):
    consultation = with_contributions
    report = ready_report
    contribution = consultation.contributions.first()
    kept, dropped = (CandidatePractice.objects.create(report=report, contribution=contribution, text=text,
                                                      language="en", actor=actor)
                     for text, actor in [("The city of Ravenna funds diaspora projects.", "City of Ravenna"),
                                         ("Something vague.", "")])
    client.force_login(users["vaud_admin"])
    page = client.get(reverse("consultations:report-review", args=[consultation.slug, report.uuid])).content.decode()
    assert "City of Ravenna" in page and f'name="candidate-{kept.pk}-category"' in page
    client.post(reverse("consultations:candidate-accept", args=[consultation.slug, report.uuid, kept.pk]),
                {f"candidate-{kept.pk}-category": ["community"], f"candidate-{kept.pk}-phase": ["destination"]})
    client.post(reverse("consultations:candidate-dismiss", args=[consultation.slug, report.uuid, dropped.pk]))
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.status == CandidatePractice.Status.ACCEPTED and kept.practice is not None
    assert set(kept.practice.terms.values_list("code", flat=True)) == {"community", "destination"}
    assert dropped.status == CandidatePractice.Status.DISMISSED


def test_only_organisers_handle_reports(client, with_contributions, users, ready_report):
    consultation = with_contributions
    report = ready_report
    client.force_login(users["geneva_admin"])
    for name in ("consultations:report-review", "consultations:report-edit"):
        assert client.get(reverse(name, args=[consultation.slug, report.uuid])).status_code == 403
    assert client.post(reverse("consultations:reports", args=[consultation.slug])).status_code == 403
    assert client.post(reverse("consultations:report-publish", args=[consultation.slug, report.uuid])).status_code \
        == 403
    report.refresh_from_db()
    assert report.status == Report.Status.READY and consultation.reports.count() == 1


def test_theme_labels_and_hidden_excerpts(client, ready_report, users):
    report = ready_report
    question = next(q for q in reporting.document(report)["questions"] if q["themes"])
    number, excerpt = question["number"], question["themes"][0]["excerpts"][0]
    client.force_login(users["vaud_admin"])
    client.post(reverse("consultations:report-edit", args=["m4d", report.uuid]), edit_data(report, **{
        f"q{number}-theme0": "Twinning cities", f"q{number}-hidden": [excerpt["contribution"]],
        f"q{number}-summary": "Cities twin with hometowns."}))
    page = client.get(reverse("consultations:report-review", args=["m4d", report.uuid])).content.decode()
    assert "Twinning cities" in page and "Cities twin with hometowns." in page
    assert excerpt["text"] not in page.split('class="report-document"')[1]
