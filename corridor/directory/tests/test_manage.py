import pytest
from django.urls import reverse

from corridor.directory.models import Service


@pytest.fixture
def service(make_service, organisations):
    return make_service(organisations["caritas"], "Cours de français", "Pour adultes", categories=["language"],
                        phases=["destination"], groups=["everyone"], languages=["fr"])


def form_data(**overrides):
    data = {
        "name": "Permanence sociale", "alternate_name": "", "content_language": "fr",
        "description": "Aide pour les démarches", "status": "active", "url": "", "email": "",
        "application_process": "", "eligibility_description": "", "minimum_age": "", "maximum_age": "",
        "fees_description": "", "spoken_languages": ["fr", "ti"], "phases": ["destination"],
        "categories": ["information"], "target_groups": ["refugees"], "channels": ["office"],
        "name_en": "Social help desk", "description_en": "Help with formalities",
        "schedules-TOTAL_FORMS": "1", "schedules-INITIAL_FORMS": "0", "schedules-MIN_NUM_FORMS": "0",
        "schedules-MAX_NUM_FORMS": "1000", "schedules-0-days": ["MO", "WE"], "schedules-0-opens_at": "09:00",
        "schedules-0-closes_at": "12:00", "schedules-0-description": "",
        "location-name": "Bureau", "location-address_1": "Rue du Port 2", "location-postal_code": "1003",
        "location-city": "Lausanne", "location-country": "CH", "location-latitude": "46.52",
        "location-longitude": "6.63", "location-transportation": "Métro m2", "location-accessibility": "",
        "location-territory": "",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client, service):
    for url in (reverse("directory:my-services"), reverse("directory:service-edit", args=[service.uuid])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_creates_a_service_that_is_then_found(client, users, organisations):
    client.force_login(users["caritas"])
    url = reverse("directory:service-create") + f"?organisation={organisations['caritas'].uuid}"
    response = client.post(url, form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    service = Service.objects.get(name="Permanence sociale")
    assert service.translations == {"en": {"name": "Social help desk", "description": "Help with formalities"}}
    assert sorted(service.languages.values_list("code", flat=True)) == ["fr", "ti"]
    assert service.schedules.get().byday == "MO,WE"
    assert service.service_at_locations.get().location.transportation == "Métro m2"
    assert service.last_verified_by == users["caritas"]
    assert client.get("/en/services/", {"q": "social help"}).content.decode().count('class="result"') == 1


def test_errors_keep_what_was_typed(client, users, organisations):
    client.force_login(users["caritas"])
    url = reverse("directory:service-create") + f"?organisation={organisations['caritas'].uuid}"
    response = client.post(url, form_data(**{"schedules-0-closes_at": "08:00", "minimum_age": "30",
                                             "maximum_age": "20"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Closing time must be after opening time" in body and "maximum age is below" in body
    assert 'value="Permanence sociale"' in body and "Social help desk" in body and "Métro m2" in body
    assert not Service.objects.filter(name="Permanence sociale").exists()


def test_members_of_another_organisation_cannot_edit(client, users, service, organisations):
    client.force_login(users["geneva_member"])
    assert client.get(reverse("directory:service-edit", args=[service.uuid])).status_code == 403
    assert client.post(reverse("directory:service-edit", args=[service.uuid]), form_data()).status_code == 403
    assert client.post(reverse("directory:service-verify", args=[service.uuid])).status_code == 403
    create = reverse("directory:service-create") + f"?organisation={organisations['caritas'].uuid}"
    assert client.post(create, form_data()).status_code == 403
    assert client.get(reverse("directory:organisation-edit", args=[organisations["caritas"].uuid])).status_code == 403
    service.refresh_from_db()
    assert service.name == "Cours de français"


def test_territory_admins_edit_only_inside_their_territory(client, users, service):
    url = reverse("directory:service-edit", args=[service.uuid])
    client.force_login(users["geneva_admin"])
    assert client.get(url).status_code == 403
    client.force_login(users["vaud_admin"])
    assert client.get(url).status_code == 200


def test_history_records_who_changed_what(client, users, service):
    client.force_login(users["caritas"])
    response = client.post(reverse("directory:service-edit", args=[service.uuid]),
                           form_data(name="Cours de français du soir"))
    assert response.status_code == 302
    record = service.history.first()
    assert record.history_user == users["caritas"] and record.name == "Cours de français du soir"
    body = client.get(reverse("directory:service-history", args=[service.uuid])).content.decode()
    assert "Cours de français du soir" in body and "caritas" in body and "<del>Cours de français</del>" in body


def test_verification_and_reminder_queue(client, users, service):
    Service.objects.filter(pk=service.pk).update(last_verified_at=None)
    client.force_login(users["caritas"])
    assert str(service.uuid) in client.get(reverse("directory:my-services")).content.decode().split('id="due"')[1].split("</section>")[0]
    client.post(reverse("directory:service-verify", args=[service.uuid]))
    service.refresh_from_db()
    assert service.last_verified_by == users["caritas"] and not service.is_stale
    assert Service.objects.due_for_verification().count() == 0
