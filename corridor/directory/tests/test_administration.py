import pytest
from django.urls import reverse

from corridor.accounts.models import Membership
from corridor.directory.duplicates import possible_duplicates
from corridor.directory.merge import MergeConflict, merge_organisations
from corridor.directory.models import Organisation, Service


def test_only_territory_admins_reach_administration(client, users):
    url = reverse("directory:admin-home")
    client.force_login(users["caritas"])
    assert client.get(url).status_code == 403
    client.force_login(users["vaud_admin"])
    assert client.get(url).status_code == 200


def test_verify_organisation_only_in_own_territory(client, users, organisations):
    caritas = organisations["caritas"]
    url = reverse("directory:organisation-verify", args=[caritas.uuid])
    client.force_login(users["geneva_admin"])
    assert client.post(url).status_code == 403
    client.force_login(users["caritas"])
    assert client.post(url).status_code == 403
    caritas.refresh_from_db()
    assert caritas.verified_at is None
    client.force_login(users["vaud_admin"])
    assert client.post(url).status_code == 302
    caritas.refresh_from_db()
    assert caritas.verified_by == users["vaud_admin"]


def test_merge_moves_everything_to_the_kept_organisation(make_service, organisations, users, territories):
    keep = organisations["caritas"]
    duplicate = Organisation.objects.create(name="Caritas VD", kind="cso", territory=territories["lausanne"],
                                            email="info@caritas.example.org", languages=["ti"])
    duplicate.areas.add(territories["renens"])
    service = make_service(duplicate, "Épicerie solidaire", categories=["social-protection"])
    Membership.objects.create(user=users["geneva_member"], organisation=duplicate)
    merge_organisations(keep, duplicate)
    keep.refresh_from_db()
    service.refresh_from_db()
    assert service.organisation == keep and keep.email == "info@caritas.example.org" and "ti" in keep.languages
    assert list(keep.areas.all()) == [territories["renens"]]
    assert keep.memberships.filter(user=users["geneva_member"]).exists()
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert "caritas vaud" in Service.objects.get(pk=service.pk).search_document


def test_merge_moves_the_references_of_every_app(make_service, organisations, users, territories):
    from corridor.preparedness.models import ContactRegister
    from corridor.referrals.models import Consent, Referral
    keep, duplicate = organisations["caritas"], organisations["appartenances"]
    service = make_service(keep, "Permanence juridique")
    consent = Consent.objects.create(language="fr", text="J'accepte.")
    consent.organisations.add(duplicate)
    referral = Referral.objects.create(territory=territories["lausanne"], sender=duplicate, service=service,
                                       need="legal", consent=consent, reference="R-1", sent_by=users["caritas"])
    register = ContactRegister.objects.create(organisation=duplicate, name="Urgences", content_language="fr")
    merge_organisations(keep, duplicate)
    referral.refresh_from_db()
    register.refresh_from_db()
    assert referral.sender == keep and register.organisation == keep
    assert list(consent.organisations.all()) == [keep]


def test_merge_stops_on_records_both_have_and_changes_nothing(organisations, territories):
    from corridor.preparedness.models import Locality
    keep, duplicate = organisations["caritas"], organisations["appartenances"]
    Locality.objects.create(organisation=keep, territory=territories["lausanne"], name="Prélaz")
    theirs = Locality.objects.create(organisation=duplicate, territory=territories["lausanne"], name="Prélaz")
    with pytest.raises(MergeConflict) as raised:
        merge_organisations(keep, duplicate)
    assert "Prélaz" in str(raised.value)
    theirs.refresh_from_db()
    assert theirs.organisation == duplicate and Organisation.objects.filter(pk=duplicate.pk).exists()


def test_merge_view_is_limited_to_own_territory(client, users, organisations):
    client.force_login(users["vaud_admin"])
    response = client.post(reverse("directory:organisation-merge"),
                           {"keep": organisations["caritas"].pk, "duplicate": organisations["geneva_cso"].pk})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert Organisation.objects.filter(pk=organisations["geneva_cso"].pk).exists()
    response = client.post(reverse("directory:organisation-merge"),
                           {"keep": organisations["caritas"].pk, "duplicate": organisations["appartenances"].pk})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisations["appartenances"].pk).exists()


@pytest.fixture
def near_duplicates(make_service, organisations):
    caritas, appartenances = organisations["caritas"], organisations["appartenances"]
    return {
        "a": make_service(caritas, "Cours de français pour adultes", "Cours du soir de français pour adultes migrants"),
        "b": make_service(caritas, "Cours de francais adultes", "Cours de français le soir pour adultes migrants"),
        "c": make_service(caritas, "Aide juridique", "Conseil sur les permis de séjour"),
        "d": make_service(appartenances, "Consultation psychologique", "Soutien aux personnes traumatisées",
                          latitude=46.52, longitude=6.63),
        "e": make_service(caritas, "Consultation psychologique", "Soutien psychologique aux personnes traumatisées",
                          latitude=46.52, longitude=6.63),
        # Same name as "a" but another provider at another place: not a candidate.
        "f": make_service(appartenances, "Cours de français pour adultes", "Cours du soir de français"),
    }


def test_possible_duplicates_within_provider_or_place(near_duplicates):
    services = near_duplicates
    pairs = possible_duplicates(Service.objects.all())
    found = {frozenset((p.first.name + p.first.organisation.name, p.second.name + p.second.organisation.name))
             for p in pairs}
    key = lambda s: s.name + s.organisation.name  # noqa: E731
    assert frozenset((key(services["a"]), key(services["b"]))) in found
    assert frozenset((key(services["d"]), key(services["e"]))) in found  # same coordinates, two providers
    assert len(pairs) == 2
    assert all(p.score > 0.5 for p in pairs)
    assert {p.reason for p in pairs} == {"same provider", "same place"}


def test_duplicates_page(client, users, near_duplicates):
    client.force_login(users["vaud_admin"])
    body = client.get(reverse("directory:duplicates")).content.decode()
    assert body.count('class="pair"') == 2 and "Cours de francais adultes" in body
    client.force_login(users["geneva_admin"])
    assert client.get(reverse("directory:duplicates")).content.decode().count('class="pair"') == 0
