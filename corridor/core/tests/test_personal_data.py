"""Personal data: every model declares where it keeps some; a person downloads all of theirs and nobody
else's; after they delete their account, no personal field of any table names them."""
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from corridor.accounts.models import ApiToken, Membership
from corridor.audit.log import record
from corridor.audit.models import AuditEvent
from corridor.consultations import intake
from corridor.consultations.models import Consultation, Contribution, Question, Report
from corridor.core import personal_data
from corridor.learning.models import Enrolment, Module

DATA, EXPORT_JSON, EXPORT_ZIP = "/en/accounts/data/", "/en/accounts/data/export.json", "/en/accounts/data/export.zip"


def test_every_field_that_looks_personal_is_declared():
    missing = [f"{model._meta.label}.{field.name}" for model in apps.get_models() for field in model._meta.get_fields()
               if personal_data.looks_personal(field) and field.name not in personal_data.personal_fields(model)]
    assert not missing, "declare these in the model's PERSONAL_FIELDS: " + ", ".join(missing)


def test_the_registry_knows_the_fields_of_this_project_and_of_django():
    registry = {model._meta.label: fields for model, fields in personal_data.registry().items()}
    assert registry["auth.User"] == ("username", "first_name", "last_name", "email")
    assert registry["consultations.Contribution"] == ("author_name", "author_email")
    assert registry["directory.HistoricalOrganisation"] == ("email", "phone")  # history follows its model


def test_every_app_that_keeps_something_about_people_has_a_hook():
    """Pointing at accounts or declaring personal fields means the app must export and erase them."""
    user_model = get_user_model()
    hooked = {personal_data.app_label(hook) for hook in personal_data.hooks()}
    needing = {model._meta.app_label for model in apps.get_models()
               if model.__module__.startswith("corridor.") and (personal_data.personal_fields(model) or any(
                   field.is_relation and field.related_model is user_model for field in model._meta.get_fields()))}
    assert needing - hooked == set()
    for hook in personal_data.hooks():
        assert callable(hook.export) and callable(hook.erase)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def leaving(users, organisations, territories, media):
    """Amina, a member of Caritas who took part in consultations and a learning module, and is leaving."""
    amina = get_user_model().objects.create_user("amina-leavewell", "amina.leavewell@example.net", "pw-amina-123",
                                                  first_name="Amina", last_name="Leavewell")
    Membership.objects.create(user=amina, organisation=organisations["caritas"])
    ApiToken.issue(amina, "Amina's laptop", scope=ApiToken.Scope.READ)
    now = timezone.now()
    open_to_all = Consultation.objects.create(
        slug="welcome", title="Welcoming newcomers in Lausanne", status=Consultation.Status.OPEN,
        content_language="en", territory=territories["lausanne"], opens_at=now - timedelta(days=1),
        allow_anonymous=True)
    members_only = Consultation.objects.create(
        slug="members", title="Members' consultation", status=Consultation.Status.OPEN, content_language="en",
        territory=territories["lausanne"], opens_at=now - timedelta(days=1), allow_anonymous=False)
    Question.objects.create(consultation=open_to_all, number=1, text="What helps newcomers?")

    def contribute(consultation, body, author, **fields):
        return intake.receive(intake.Submission(consultation=consultation, body=body, author=author,
                                                author_name=author.get_full_name() or author.username,
                                                author_email=author.email, **fields)).contribution

    published = contribute(open_to_all, "Question 1: a welcome desk at the station helps a lot.", amina,
                           organisation_name="Caritas Vaud", attachments=[intake.IncomingAttachment(
                               "amina-notes.pdf", "application/pdf", b"%PDF-1.4 Amina's notes")])
    pending = contribute(open_to_all, "A second thought, still waiting for moderation.", amina)
    named_only = contribute(members_only, "Published where an account is required.", amina)
    Contribution.objects.filter(pk__in=[published.pk, named_only.pk]).update(status=Contribution.Status.PUBLISHED)
    # Sent by e-mail from her address, without signing in.
    by_mail = intake.receive(intake.Submission(
        consultation=open_to_all, body="Sent from my phone: language cafés.", author_name="Amina L.",
        author_email="AMINA.LEAVEWELL@example.net", channel=Contribution.Channel.EMAIL)).contribution
    Contribution.objects.filter(pk=by_mail.pk).update(status=Contribution.Status.PUBLISHED)
    other = contribute(open_to_all, "Someone else's view: evening classes.", users["caritas"])
    Report.objects.create(consultation=open_to_all, version=1, status=Report.Status.PUBLISHED, data={
        "contributors": {"named": [{"name": "Amina Leavewell", "organisation": "Caritas Vaud", "contributions": 1},
                                   {"name": "caritas", "organisation": "", "contributions": 1}],
                         "anonymous": {"contributors": 0, "contributions": 0}},
        "questions": [{"excerpts": [{"author": "Amina Leavewell", "text": "a welcome desk"}]}]})
    reflection = Consultation.objects.create(slug="module-reflection", title="Points for reflection",
                                             kind=Consultation.Kind.REFLECTION, content_language="en")
    module = Module.objects.create(slug="welcoming", title="Welcoming newcomers module", reflection=reflection,
                                   content_language="en")
    Enrolment.objects.create(module=module, learner=amina)
    record("organisation.update", actor=amina, target=organisations["caritas"])
    return {"user": amina, "published": published, "pending": pending, "named_only": named_only,
            "by_mail": by_mail, "other": other, "open_to_all": open_to_all}


def test_the_export_holds_the_persons_data_and_nobody_elses(client, leaving, users, media):
    client.force_login(leaving["user"])
    response = client.get(EXPORT_JSON)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "amina.leavewell@example.net"
    assert data["accounts"]["organisations"] == ["Caritas Vaud"]
    assert [t["name"] for t in data["accounts"]["api_tokens"]] == ["Amina's laptop"]
    texts = [c["text"] for c in data["consultations"]["contributions"]]
    assert "Question 1: a welcome desk at the station helps a lot." in texts
    assert "Sent from my phone: language cafés." in texts  # matched by her address
    assert len(texts) == 4
    assert data["learning"]["enrolments"][0]["module"] == "Welcoming newcomers module"
    assert any(e["action"] == "organisation.update" and e["by_you"] for e in data["audit"]["events"])
    text = response.content.decode()
    for foreign in ("evening classes", users["caritas"].email, "pw-", "key_hash"):
        assert foreign not in text
    assert '"caritas"' not in text  # the other member's user name


def test_the_zip_export_holds_the_uploaded_files(client, leaving, media):
    client.force_login(leaving["user"])
    response = client.get(EXPORT_ZIP)
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        attachment = [name for name in names if name.endswith("amina-notes.pdf")]
        assert "data.json" in names and len(attachment) == 1
        assert archive.read(attachment[0]) == b"%PDF-1.4 Amina's notes"
    assert AuditEvent.objects.filter(action="account.data_exported", actor=leaving["user"]).count() == 1


def test_deleting_the_account_needs_the_password_and_a_confirmation(client, leaving, media):
    client.force_login(leaving["user"])
    response = client.post(DATA, {"password": "wrong", "confirm": "on"})
    assert "This is not your password." in response.content.decode()
    response = client.post(DATA, {"password": "pw-amina-123"})
    assert response.status_code == 200 and get_user_model().objects.filter(username="amina-leavewell").exists()


def test_after_deletion_nothing_identifies_the_person(client, leaving, users, media,
                                                     django_capture_on_commit_callbacks):
    amina = leaving["user"]
    names = personal_data.identifiers(amina)
    assert {"amina-leavewell", "Amina Leavewell", "amina.leavewell@example.net", "Amina L."} <= names
    stored_file = leaving["published"].attachments.get().file.name
    client.force_login(amina)
    with django_capture_on_commit_callbacks(execute=True):  # stored files are deleted once the erasure commits
        response = client.post(DATA, {"password": "pw-amina-123", "confirm": "on"})
    assert response.status_code == 302 and "_auth_user_id" not in client.session

    assert not get_user_model().objects.filter(pk=amina.pk).exists()
    found = []
    for model, fields in personal_data.registry().items():
        for row in model._default_manager.all():
            for field in fields:
                value = json.dumps(getattr(row, field), default=str).casefold()
                found += [f"{model._meta.label}.{field}: {name}" for name in names if name.casefold() in value]
    assert not found, found

    # Published in a consultation open to contributions without an account: kept, anonymous.
    kept = Contribution.objects.get(pk=leaving["published"].pk)
    assert (kept.author, kept.author_name, kept.author_email, kept.is_anonymous) == (None, "", "", True)
    assert kept.body_text == "Question 1: a welcome desk at the station helps a lot."
    assert not kept.attachments.exists() and not (media / stored_file).exists()
    assert Contribution.objects.filter(pk=leaving["by_mail"].pk, author_email="").exists()
    # Never public, or where an account is required: deleted.
    assert not Contribution.objects.filter(pk__in=[leaving["pending"].pk, leaving["named_only"].pk]).exists()
    # Other people's contributions are untouched; the report counts her among the anonymous.
    assert Contribution.objects.get(pk=leaving["other"].pk).author == users["caritas"]
    report = Report.objects.get()
    assert [row["name"] for row in report.data["contributors"]["named"]] == ["caritas"]
    assert report.data["contributors"]["anonymous"] == {"contributors": 1, "contributions": 1}
    # The audit log keeps what she did, under a pseudonym, and that the account was deleted.
    assert AuditEvent.objects.filter(action="organisation.update", actor_name=f"deleted-account-{amina.pk}").exists()
    assert AuditEvent.objects.filter(action="account.deleted", target_label=f"deleted-account-{amina.pk}").exists()
