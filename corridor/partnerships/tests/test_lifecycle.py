"""Stages and their history, documents (type and size checked, served with the partnership's rights), drafting
a memorandum from a corridor, and finalising through the page."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.core import uploads
from corridor.partnerships import lifecycle
from corridor.partnerships.models import Partnership, StageDocument


def test_stages_are_kept_in_the_history_with_their_dates(partnership, users):
    today = timezone.localdate()
    lifecycle.change_stage(partnership, "mission", today - timedelta(days=3), "Mission in Pristina.", users["platform"])
    lifecycle.change_stage(partnership, "drafting", today, "", users["platform"])
    history = list(partnership.stage_history.order_by("started_on", "pk").values_list("stage", "ended_on"))
    assert history == [("drafting", today - timedelta(days=3)), ("mission", today), ("drafting", None)]
    assert AuditEvent.objects.filter(action="partnership.stage_changed").count() == 2


@pytest.mark.parametrize("stage, days, message", [
    ("drafting", 0, "The partnership is already at this stage."),
    ("mission", -1, "A stage cannot start in the future: record it on the day it starts."),
    ("signed", 0, "Mark the agreement final before recording its signature or any later stage."),
])
def test_stage_changes_that_are_refused(partnership, users, stage, days, message):
    with pytest.raises(lifecycle.StageRefused, match=message):
        lifecycle.change_stage(partnership, stage, timezone.localdate() - timedelta(days=days), "", users["platform"])
    partnership.refresh_from_db()
    assert partnership.stage == "drafting" and partnership.stage_history.count() == 1


def test_a_stage_cannot_start_before_the_current_one(partnership, users):
    with pytest.raises(lifecycle.StageRefused, match="cannot start before the current one"):
        lifecycle.change_stage(partnership, "mission", partnership.stage_history.get().started_on - timedelta(days=1),
                               "", users["platform"])


def test_signature_after_finalising_and_revision_makes_a_draft_again(client, partnership, world):
    client.force_login(world["vaud_admin"])
    assert client.post(f"/en/partnerships/{partnership.uuid}/agreement/final/").status_code == 302
    today = timezone.localdate().isoformat()
    client.post(f"/en/partnerships/{partnership.uuid}/stage/", {"stage": "signed", "started_on": today})
    partnership.refresh_from_db()
    assert partnership.stage == "signed" and partnership.is_final
    client.post(f"/en/partnerships/{partnership.uuid}/stage/", {"stage": "drafting", "started_on": today,
                                                                  "note": "Revision of the agreement."})
    partnership.refresh_from_db()
    assert partnership.stage == "drafting" and not partnership.is_final


def test_finalising_through_the_page_is_refused_while_something_is_missing(client, partnership, world):
    Partnership.objects.filter(pk=partnership.pk).update(budget=None, sdg_targets=[])
    client.force_login(world["vaud_admin"])
    response = client.post(f"/en/partnerships/{partnership.uuid}/agreement/final/", follow=True)
    assert "The agreement cannot be final yet. Missing: Alignment with the SDGs, Budget." in response.content.decode()
    partnership.refresh_from_db()
    assert not partnership.is_final


def test_documents_are_type_and_size_checked_and_stored_under_a_random_name(partnership, users, settings):
    record = partnership.stage_history.get()
    document = lifecycle.add_document(record, "Mission report", "report.pdf", b"%PDF-1.4 mission", users["platform"])
    assert (document.filename, document.content_type, document.size) == ("report.pdf", "application/pdf", 16)
    assert document.file.name.startswith("partnerships/") and "report" not in document.file.name
    with pytest.raises(uploads.Refused, match="is not a kind of file we accept"):
        lifecycle.add_document(record, "Tool", "setup.exe", b"MZ\x90\x00\x03\x00", users["platform"])
    with pytest.raises(uploads.Refused, match="does not match its name"):
        lifecycle.add_document(record, "Fake", "report.docx", b"%PDF-1.4", users["platform"])
    settings.CORRIDOR_MAX_UPLOAD_BYTES = 10
    with pytest.raises(uploads.Refused, match="is too large"):
        lifecycle.add_document(record, "Big", "big.txt", b"x" * 11, users["platform"])
    assert StageDocument.objects.count() == 1


def test_documents_are_uploaded_by_partner_admins_and_served_to_readers(client, partnership, world, outsider_user):
    client.force_login(world["pristina_admin"])
    upload = SimpleUploadedFile("minutes.txt", b"Minutes of the steering committee.", content_type="text/plain")
    client.post(f"/en/partnerships/{partnership.uuid}/documents/",
                {"record": partnership.stage_history.get().pk, "title": "Minutes", "file": upload})
    document = StageDocument.objects.get()
    url = f"/en/partnerships/{partnership.uuid}/documents/{document.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"Minutes of the steering " \
                                                                                    b"committee."
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(outsider_user)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 404
    Partnership.objects.filter(pk=partnership.pk).update(is_public=True)
    assert client.get(url).status_code == 200


def test_a_refused_upload_says_why(client, partnership, world):
    client.force_login(world["vaud_admin"])
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(f"/en/partnerships/{partnership.uuid}/documents/",
                           {"record": partnership.stage_history.get().pk, "file": upload}, follow=True)
    assert "“setup.exe” is not a kind of file we accept" in response.content.decode()
    assert not StageDocument.objects.exists()


def test_drafting_from_a_corridor_prefills_the_memorandum(client, corridor, world):
    client.force_login(world["pristina_admin"])
    response = client.post(f"/en/partnerships/corridors/{corridor.uuid}/draft/")
    partnership = Partnership.objects.get()
    assert response["Location"] == f"/en/partnerships/{partnership.uuid}/agreement/"
    assert partnership.title == "Memorandum of understanding between Pristina and Lausanne"  # the drafter first
    assert (partnership.kind, partnership.stage, partnership.corridor) == ("memorandum", "drafting", corridor)
    assert partnership.sectors == ["education", "governance"]  # both territories' interests, vocabulary order
    assert partnership.agreement_languages == ["en", "fr"]  # English for Kosovo, French for Vaud
    sides = {side.territory.slug: side for side in partnership.sides.all()}
    assert list(sides) == ["pristina", "lausanne"]
    assert [(s.organisation.name, s.role) for s in sides["lausanne"].stakeholders.all()] == [
        ("Shoqata e kosovarëve", "bridge")]
    assert partnership.stage_history.get().note == "Drafted from the corridor Pristina → Lausanne."


@pytest.fixture
def outsider_user(world):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("someone", "someone@example.org", "pw-someone-123")
