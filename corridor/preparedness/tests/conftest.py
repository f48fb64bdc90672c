"""Fixtures of crisis preparedness: Caritas Vaud (the root conftest's organisation, whose member is the
`caritas` user) keeps a register with localities in two Lausanne neighbourhoods; messages go to the
locmem gateway."""
import pytest

from corridor.preparedness import registration
from corridor.preparedness.gateways import LocmemGateway
from corridor.preparedness.models import Locality


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.CORRIDOR_SMS_GATEWAY = "corridor.preparedness.gateways.LocmemGateway"
    settings.CORRIDOR_BASE_URL = "https://corridor.example.org"
    LocmemGateway.outbox = []
    return LocmemGateway.outbox


@pytest.fixture
def places(organisations, territories):
    caritas = organisations["caritas"]
    return {name: Locality.objects.create(organisation=caritas, territory=territories["lausanne"], name=label)
            for name, label in (("bellevaux", "Bellevaux"), ("prelaz", "Prélaz"), ("sevelin", "Sévelin"))}


@pytest.fixture
def register(users, organisations, places):
    return registration.create_register(
        organisations["caritas"], users["caritas"], name="Contacts d'urgence", content_language="fr",
        languages=["fr", "ar", "ti"], consent_text="J'accepte d'être contacté en cas d'urgence.",
        consent_translations={"ar": {"text": "أوافق على أن يتم الاتصال بي في حالات الطوارئ."}})


@pytest.fixture
def add_person(register, places, users):
    """Register someone in person (confirmed at once)."""
    def add(name, phone, place="bellevaux", *, channel="sms", languages=("fr",), household=1, needs=""):
        return registration.register_in_person(register, registration.Person(
            name=name, channel=channel, contact=phone, locality=places[place], household_size=household,
            languages=list(languages), needs=needs), users["caritas"])
    return add
