"""What partnerships keep about a person: exported, and erased with the account where a partnership names them."""
from corridor.core import personal_data
from corridor.partnerships.models import ContactPerson, Partnership, PartnershipSide, Stakeholder


def test_the_export_lists_what_the_person_recorded_and_where_they_are_named(partnership, world):
    user = world["pristina_admin"]
    user.first_name, user.last_name = "Vjosa", "Hoxha"
    user.save()
    Partnership.objects.filter(pk=partnership.pk).update(created_by=user)
    data = personal_data.export(user)["partnerships"]
    assert data["partnerships_recorded"] == [partnership.title]
    assert data["named_as_contact_person"] == [{"partnership": partnership.title, "territory": "Pristina",
                                                "function": "Staff"}]
    assert data["named_as_stakeholder_contact"] == [{"partnership": partnership.title, "territory": "Pristina",
                                                     "organisation": "Zyra për migracion"}]
    assert data["named_as_signatory"] == []


def test_erasing_the_account_removes_the_persons_name_and_keeps_the_partnership(partnership, world):
    user = world["pristina_admin"]
    user.first_name, user.last_name = "Vjosa", "Hoxha"
    user.save()
    PartnershipSide.objects.filter(territory=world["pristina"]).update(signatory_name="vjosa  HOXHA")
    personal_data.erase(user)
    assert not ContactPerson.objects.filter(name="Vjosa Hoxha").exists()
    assert ContactPerson.objects.filter(name="Besnik Mala").exists()
    assert PartnershipSide.objects.get(territory=world["pristina"]).signatory_name == ""
    assert list(Stakeholder.objects.values_list("contact_person", flat=True).order_by("pk")) == ["Arben Krasniqi", ""]
    assert Partnership.objects.filter(pk=partnership.pk).exists()
