"""Registering with consent, the signed link, seeing, changing, downloading and deleting one's profile;
associations registered by their members. The contact e-mail is ciphertext in the database."""
import json
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.utils import timezone, translation

from corridor.audit.models import AuditEvent
from corridor.diaspora import pledges, profiles
from corridor.diaspora.models import DiasporaProfile, Pledge, PledgeEvent

from .conftest import make_person

REGISTRATION = {
    "display_name": "Khady", "email": "Khady.Sane@example.org", "residence_country": "ES",
    "residence_place": "Lleida", "language": "fr", "languages": ["fr", "es"], "skills": ["health", "teaching"],
    "skill_tags": "Sage-femme,  échographie , sage-femme", "interest_kinds": ["philanthropy"],
    "interest_sectors": ["health"], "consent": "on",
}


def link_in(message) -> str:
    return re.search(r"http://\S+/access/\S+/", message.body).group()


def path_of(url: str) -> str:
    return url.split("127.0.0.1:8000", 1)[1]


def stored_email(profile) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM diaspora_diasporaprofile WHERE id = %s", [profile.pk])
        return cursor.fetchone()[0]


def test_registering_keeps_the_consent_and_sends_a_link_to_confirm(client, sedhiou, projects, mailoutbox):
    response = client.post("/fr/diaspora/register/", {**REGISTRATION, "origins": [sedhiou["sedhiou"].pk]})
    assert response.status_code == 302 and response["Location"] == "/fr/diaspora/register/sent/"
    profile = DiasporaProfile.objects.get()
    assert profile.kind == "person" and profile.confirmed_at is None
    with translation.override("fr"):  # the text shown, in the page's language
        assert (profile.consent_text, profile.consent_language) == (str(profiles.PERSON_CONSENT), "fr")
    assert timezone.now() - profile.consented_at < timedelta(minutes=1)
    assert profile.skill_tags == ["sage-femme", "échographie"]
    assert list(profile.origins.all()) == [sedhiou["sedhiou"]]
    # The address is encrypted in the database, read back in clear by the application.
    assert "khady" not in stored_email(profile).lower() and stored_email(profile).startswith("gAAAA")
    assert profile.email == "Khady.Sane@example.org"
    assert [message.to for message in mailoutbox] == [["Khady.Sane@example.org"]]
    # Not confirmed: not matched, not shown to any team.
    assert not DiasporaProfile.objects.filter(confirmed_at__isnull=False).exists()


def test_the_consent_stored_is_the_text_the_person_read(client, sedhiou):
    client.post("/en/diaspora/register/", {**REGISTRATION, "origins": [sedhiou["sedhiou"].pk]})
    profile = DiasporaProfile.objects.get()
    assert profile.consent_text == str(profiles.PERSON_CONSENT) and profile.consent_language == "en"


def test_without_consent_nothing_is_kept_and_the_form_keeps_what_was_typed(client, sedhiou, mailoutbox):
    response = client.post("/en/diaspora/register/", {**REGISTRATION, "consent": ""})
    assert response.status_code == 200
    assert "Without your consent we cannot keep your profile." in response.content.decode()
    assert 'value="Khady"' in response.content.decode() and 'value="Lleida"' in response.content.decode()
    assert not DiasporaProfile.objects.exists() and not mailoutbox


def test_registering_again_sends_the_link_without_a_second_profile(client, awa, mailoutbox):
    response = client.post("/en/diaspora/register/", {**REGISTRATION, "email": "AWA@example.org"})
    assert response["Location"] == "/en/diaspora/register/sent/"  # the same answer: nothing tells who is registered
    assert DiasporaProfile.objects.count() == 1
    assert mailoutbox[0].to == ["awa@example.org"] and "Your link" in mailoutbox[0].subject


def test_the_link_opens_the_profile_after_a_click_and_confirms_it(client, sedhiou, projects, mailoutbox):
    client.post("/en/diaspora/register/", {**REGISTRATION, "origins": [sedhiou["sedhiou"].pk]})
    link = path_of(link_in(mailoutbox[0]))
    assert client.get(link).status_code == 200  # following the link (a mail filter) changes nothing
    assert DiasporaProfile.objects.get().confirmed_at is None
    response = client.post(link)
    assert response["Location"] == "/fr/diaspora/me/"  # in the language the person chose for e-mails
    assert DiasporaProfile.objects.get().confirmed_at is not None
    page = client.get("/fr/diaspora/me/").content.decode()
    assert "Khady" in page and "Khady.Sane@example.org" in page  # the person sees their own address
    assert "Maternité régionale" in page  # suggested: health philanthropy in Sédhiou


def test_forged_expired_and_voided_links_open_nothing(client, awa, settings):
    token = profiles.access_token(awa)
    assert client.get(f"/en/diaspora/access/{token}x/").status_code == 400
    forged = signing.dumps([str(awa.uuid), awa.access_version], salt="another-salt")
    assert client.get(f"/en/diaspora/access/{forged}/").status_code == 400
    expired = timezone.now() + profiles.LINK_MAX_AGE + timedelta(minutes=1)
    assert profiles.profile_from_token(token) == awa
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: expired.timestamp())
        assert profiles.profile_from_token(token) is None
    client.post(f"/en/diaspora/access/{token}/")
    assert client.get("/en/diaspora/me/").status_code == 200
    client.post("/en/diaspora/me/close-links/")
    assert client.get(f"/en/diaspora/access/{token}/").status_code == 400
    assert client.get("/en/diaspora/me/")["Location"] == "/en/diaspora/link/"


def test_asking_for_a_link_answers_the_same_for_unknown_addresses(client, awa, mailoutbox):
    assert client.post("/en/diaspora/link/", {"email": "nobody@example.org"})["Location"] == "/en/diaspora/register/sent/"
    assert not mailoutbox
    client.post("/en/diaspora/link/", {"email": " Awa@Example.org "})
    assert mailoutbox[0].to == ["awa@example.org"]
    assert profiles.profile_from_token(link_in(mailoutbox[0]).rsplit("/access/", 1)[1].strip("/")) == awa


def open_profile(client, profile):
    client.post(f"/en/diaspora/access/{profiles.access_token(profile)}/")


def test_editing_the_profile_and_changing_the_address(client, awa, sedhiou, mailoutbox):
    open_profile(client, awa)
    data = {"display_name": "Awa", "email": "awa@example.org", "residence_country": "ES", "residence_place": "Girona",
            "language": "es", "languages": ["fr"], "skills": ["health"], "skill_tags": "", "interest_kinds":
            ["philanthropy"], "interest_sectors": [], "origins": [sedhiou["goudomp"].pk]}
    assert client.post("/en/diaspora/me/edit/", data)["Location"] == "/en/diaspora/me/"
    awa.refresh_from_db()
    assert (awa.display_name, awa.residence_place, awa.language) == ("Awa", "Girona", "es")
    assert list(awa.origins.all()) == [sedhiou["goudomp"]]
    # Another address: confirmed again, earlier links and the session closed.
    token = profiles.access_token(awa)
    response = client.post("/en/diaspora/me/edit/", {**data, "email": "awa.new@example.org"})
    assert response["Location"] == "/en/diaspora/register/sent/"
    awa.refresh_from_db()
    assert awa.confirmed_at is None and awa.email == "awa.new@example.org"
    assert profiles.profile_from_token(token) is None
    assert mailoutbox[-1].to == ["awa.new@example.org"]


def test_an_address_of_another_profile_is_refused(client, awa, moussa):
    open_profile(client, awa)
    response = client.post("/en/diaspora/me/edit/", {"display_name": "Awa", "email": "moussa@example.org",
                                                     "residence_country": "ES", "language": "fr",
                                                     "interest_kinds": ["philanthropy"]})
    assert "Another profile is registered with this address." in response.content.decode()


def test_downloading_ones_data(client, awa, projects):
    pledges.make_pledge(projects["maternity"], awa, kind="philanthropy", amount=100, currency="EUR", message="Hi")
    open_profile(client, awa)
    response = client.get("/en/diaspora/me/data.json")
    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-diaspora-profile.json"'
    assert data["email"] == "awa@example.org" and data["consent"]["text"] == "I agree."
    assert data["interests"]["territories_of_origin"] == ["sn/sedhiou/"]
    assert [(p["project"], p["amount"], p["message"]) for p in data["pledges"]] == [
        ("Maternité régionale", "100.00", "Hi")]


def test_withdrawing_consent_deletes_the_profile_and_keeps_what_was_given_anonymous(
        client, awa, projects, sedhiou_admin, mailoutbox, django_capture_on_commit_callbacks):
    given = pledges.make_pledge(projects["maternity"], awa, kind="philanthropy", amount=200, currency="EUR",
                                message="De Barcelone")
    pledges.change_status(given, "accepted", by=sedhiou_admin)
    pledges.change_status(given, "fulfilled", by=sedhiou_admin)
    offered = pledges.make_pledge(projects["cadastre"], awa, kind="skills-transfer", hours=10, skill="health",
                                  message="En août")
    open_profile(client, awa)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/diaspora/me/withdraw/")
    assert response["Location"] == "/en/diaspora/"
    assert not DiasporaProfile.objects.filter(pk=awa.pk).exists()
    given.refresh_from_db()
    offered.refresh_from_db()
    assert (given.status, given.profile, given.message, given.amount) == ("fulfilled", None, "", 200)
    assert (offered.status, offered.profile, offered.message) == ("withdrawn", None, "")
    assert PledgeEvent.objects.filter(pledge=offered, status="withdrawn", by_pledger=True).exists()
    assert [message.to for message in mailoutbox] == [["ard@sedhiou.example.sn"]]  # the team is told
    assert pledges.totals(projects["maternity"]).money[1].fulfilled == 200  # EUR, after the budget's XOF
    event = AuditEvent.objects.get(action="diaspora.consent_withdrawn")
    assert event.detail == {"profile": str(awa.uuid), "kind": "person"}  # no name, no address
    assert client.get("/en/diaspora/me/")["Location"] == "/en/diaspora/link/"


def test_personal_fields_are_named_for_the_privacy_export():
    for model in (DiasporaProfile, Pledge):
        names = {field.name for field in model._meta.concrete_fields}
        assert set(model.PERSONAL_FIELDS) <= names
    assert {"display_name", "email", "residence_place"} <= set(DiasporaProfile.PERSONAL_FIELDS)


def test_unconfirmed_registrations_are_deleted_after_a_week(sedhiou, awa):
    late = make_person("late@example.org", "Late", confirmed=False)
    DiasporaProfile.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=8))
    make_person("fresh@example.org", "Fresh", confirmed=False)
    assert profiles.purge_unconfirmed() == 1
    assert sorted(DiasporaProfile.objects.values_list("display_name", flat=True)) == ["Awa S.", "Fresh"]


# Associations.

@pytest.fixture
def association(organisations, users):
    """Caritas's member "caritas" also belongs to a diaspora association of Lausanne."""
    from corridor.accounts.models import Membership
    from corridor.directory.models import Organisation

    organisation = Organisation.objects.create(name="Ressortissants de Sédhiou", kind="migrant-association",
                                               territory=organisations["caritas"].territory, content_language="fr")
    Membership.objects.create(user=users["caritas"], organisation=organisation)
    return organisation


def test_a_member_registers_their_association(client, users, association, organisations, sedhiou):
    client.force_login(users["caritas"])
    page = client.get("/en/diaspora/associations/register/").content.decode()
    assert "Ressortissants de Sédhiou" in page and "Caritas Vaud" not in page  # a CSO is not a diaspora association
    response = client.post("/en/diaspora/associations/register/", {
        "organisation": association.pk, "email": "bureau@ressortissants.example.org", "residence_country": "CH",
        "language": "fr", "interest_kinds": ["philanthropy"], "interest_sectors": ["health"],
        "origins": [sedhiou["sedhiou"].pk], "consent": "on"})
    profile = DiasporaProfile.objects.get(organisation=association)
    assert response["Location"] == f"/en/diaspora/associations/{profile.uuid}/"
    assert (profile.kind, profile.display_name, profile.consented_by) == (
        "association", "Ressortissants de Sédhiou", users["caritas"])
    assert profile.confirmed_at is not None and profile.consent_text == str(profiles.ASSOCIATION_CONSENT)
    assert "bureau" not in stored_email(profile)
    # Caritas itself cannot be registered, even by a forged post.
    forged = client.post("/en/diaspora/associations/register/", {
        "organisation": organisations["caritas"].pk, "email": "x@example.org", "residence_country": "CH",
        "language": "fr", "interest_kinds": ["philanthropy"], "consent": "on"})
    assert forged.status_code == 200 and not DiasporaProfile.objects.filter(organisation=organisations["caritas"])


def test_only_members_manage_an_association_profile(client, users, association):
    profile = make_person("bureau@example.org", association.name, kind="association", organisation=association)
    for name, status in (("caritas", 200), ("geneva_member", 403), ("vaud_admin", 403)):
        client.force_login(users[name])
        assert client.get(f"/en/diaspora/associations/{profile.uuid}/").status_code == status
    client.force_login(users["caritas"])
    client.post(f"/en/diaspora/associations/{profile.uuid}/withdraw/")
    assert not DiasporaProfile.objects.filter(pk=profile.pk).exists()


def test_links_asked_again_and_again_are_sent_once_every_two_minutes(client, awa, mailoutbox, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "diaspora-links"}}
    for _attempt in range(3):
        client.post("/en/diaspora/link/", {"email": "awa@example.org"})
    assert len(mailoutbox) == 1


def test_an_account_holders_data_is_exported_and_their_name_taken_out_of_what_they_wrote(
        projects, awa, sedhiou_admin):
    from corridor.core import personal_data

    made = pledges.make_pledge(projects["maternity"], awa, kind="philanthropy", amount=50, currency="EUR")
    pledges.change_status(made, "accepted", by=sedhiou_admin, note="Merci ! sedhiou-admin, ARD")
    exported = personal_data.export(sedhiou_admin)["diaspora"]
    assert [(step["project"], step["status"]) for step in exported["pledge_steps_recorded"]] == [
        ("Maternité régionale", "accepted")]
    personal_data.erase(sedhiou_admin)
    event = PledgeEvent.objects.get(pledge=made, status="accepted")
    assert (event.by, event.note) == (None, "Merci ! —, ARD")
    assert Pledge.objects.get(pk=made.pk).profile == awa  # the pledge stays with its pledger
