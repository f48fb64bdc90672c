from corridor.directory import demo as directory_demo
from corridor.referrals import demo
from corridor.referrals.models import Pathway, Referral


def test_the_demo_loads_twice_without_duplicates(db):
    directory_demo.load()
    demo.load()
    demo.load()
    assert Pathway.objects.filter(territory__path="ch/vaud/lausanne/").count() == 3
    assert Referral.objects.count() == 7
    assert set(Referral.objects.values_list("status", flat=True)) == {
        "sent", "appointment", "closed", "forwarded", "declined"}
    assert all(r.reference.startswith(("GU-", "DM-", "P-")) for r in Referral.objects.all())
