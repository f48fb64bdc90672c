"""Realistic directory data at scale: a country of regions and cities, organisations, and services
written in French, English, Spanish and Arabic, produced as HSDS 3.0 records and loaded through the
same HSDS import that a territory would use."""
import copy
import random
import uuid
from datetime import datetime, time, timedelta, timezone

from corridor.directory import hsds
from corridor.directory.models import (
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from corridor.directory.vocabularies import CATEGORY, CHANNEL, TARGET_GROUP, VOCABULARIES
from corridor.territories.models import Territory

REGIONS = ["Nord", "Sud", "Est", "Ouest", "Centre", "Littoral", "Montagne"]
CITY_WORDS = ["Val", "Mont", "Pont", "Saint", "Bel", "Clair", "Haut", "Bas", "Grand", "Vieux"]
CITY_ENDINGS = ["-sur-Lac", "-les-Bains", "ville", "court", "-la-Forêt", "mont", "-le-Château"]
WHAT = {
    "information": ("Information et orientation", "Information and guidance", "Información y orientación", "معلومات وتوجيه"),
    "language": ("Cours de français", "French course", "Curso de francés", "دروس اللغة الفرنسية"),
    "education": ("Formation professionnelle", "Vocational training", "Formación profesional", "تدريب مهني"),
    "employment": ("Aide à l'emploi", "Job search support", "Apoyo para el empleo", "دعم البحث عن عمل"),
    "legal": ("Conseil juridique", "Legal advice", "Asesoría jurídica", "استشارة قانونية"),
    "health": ("Consultation de santé", "Health consultation", "Consulta de salud", "استشارة صحية"),
    "housing": ("Aide au logement", "Housing support", "Ayuda a la vivienda", "المساعدة في السكن"),
    "social-protection": ("Aide sociale", "Social assistance", "Asistencia social", "مساعدة اجتماعية"),
    "anti-discrimination": ("Permanence contre le racisme", "Anti-racism desk", "Atención contra el racismo", "مكتب مناهضة العنصرية"),
    "interpretation": ("Interprétariat communautaire", "Community interpreting", "Interpretación comunitaria", "ترجمة مجتمعية"),
    "business": ("Création d'entreprise", "Business start-up", "Creación de empresas", "إنشاء المشاريع"),
    "family": ("Soutien aux familles", "Family support", "Apoyo a las familias", "دعم الأسر"),
    "reintegration": ("Conseil au retour", "Return counselling", "Asesoramiento para el retorno", "استشارة العودة"),
    "community": ("Rencontres interculturelles", "Intercultural meetings", "Encuentros interculturales", "لقاءات بين الثقافات"),
}
DETAILS = ("pour adultes", "pour les jeunes", "du soir", "intensif", "de quartier", "en ligne", "pour les femmes",
           "pour les nouveaux arrivants")
SPOKEN = ["fr", "en", "es", "ar", "pt", "ti", "sq", "tr", "fa", "ps", "uk", "ru", "so", "ta"]
NOW = datetime.now(timezone.utc)
ORG_KINDS = ["cso", "cso", "cso", "migrant-association", "migrant-association", "local-authority", "faith-based",
             "trade-union", "academia", "private", "international", "national-agency"]


def territories(count: int, rng: random.Random) -> list[Territory]:
    """One country, a few regions, and cities with coordinates; returns the cities."""
    country = Territory.objects.create(name="Pays de démonstration", kind="country", country_code="CH", slug="demo",
                                       latitude=46.8, longitude=8.2, is_destination=True)
    regions = [Territory.objects.create(name=f"Région {name}", kind="region", parent=country, country_code="CH",
                                        slug=f"region-{i}") for i, name in enumerate(REGIONS[: max(1, count // 8)])]
    cities, names = [], set()
    while len(cities) < count - 1 - len(regions):
        name = rng.choice(CITY_WORDS) + rng.choice(CITY_ENDINGS)
        if name in names:
            name = f"{name} {len(cities)}"
        names.add(name)
        cities.append(Territory.objects.create(
            name=name, kind="city", parent=rng.choice(regions), country_code="CH", slug=f"city-{len(cities)}",
            latitude=46 + rng.random() * 1.5, longitude=6 + rng.random() * 3.5, is_destination=True))
    return cities


def _template_service() -> dict:
    """One service built through the ORM and exported, giving the exact HSDS shape the importer reads."""
    city = Territory.objects.filter(kind="city").first()
    organisation = Organisation.objects.create(name="Modèle", kind="cso", territory=city)
    service = Service.objects.create(organisation=organisation, territory=city, name="Modèle", description="Modèle",
                                     content_language="fr", translations={"en": {"name": "x", "description": "x"}})
    service.terms.set(TaxonomyTerm.objects.filter(code__in=["destination", "language", "everyone", "office"]))
    ServiceLanguage.objects.create(service=service, code="fr")
    location = Location.objects.create(organisation=organisation, territory=city, name="Lieu", address_1="Rue 1",
                                       city=city.name, postal_code="1000", country="CH", latitude=46.5, longitude=6.6)
    ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(service=service, byday="MO,TU", opens_at=time(9), closes_at=time(17))
    record = hsds.export_services(Service.objects.filter(pk=service.pk))[0]
    organisation.delete()
    return record


def _replace_ids(value, mapping):
    if isinstance(value, dict):
        return {k: _replace_ids(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_ids(v, mapping) for v in value]
    if isinstance(value, str) and value in mapping:
        return mapping[value]
    return value


def service_records(city: Territory, organisations: list[tuple[str, str]], count: int, rng: random.Random,
                    template: dict, template_ids: dict) -> list[dict]:
    """`count` HSDS service records located in `city`, spread over `organisations` (id, name) pairs."""
    term_ids = {v.term_id(code): (v.code, code) for v in VOCABULARIES.values() for code, _ in v.terms}
    records = []
    for n in range(count):
        category = rng.choice(CATEGORY.terms)[0]
        phase = "return" if category == "reintegration" else rng.choice(["destination"] * 6 + ["pre-departure", "pre-decision"])
        group = rng.choice(TARGET_GROUP.terms)[0]
        channel = rng.choice(CHANNEL.terms)[0]
        # Each organisation offers at least one service, then they share the rest at random.
        organisation_id, organisation_name = organisations[n] if n < len(organisations) else rng.choice(organisations)
        fr, en, es, ar = WHAT[category]
        detail = rng.choice(DETAILS)
        mapping = {old: str(uuid.uuid4()) for old in template_ids["own"]}
        mapping[template_ids["organisation"]] = organisation_id
        record = _replace_ids(copy.deepcopy(template), mapping)
        record["organization"]["name"] = organisation_name
        record["name"] = f"{fr} {detail} – {city.name}"
        record["description"] = (f"{fr} {detail}, proposé par {organisation_name} à {city.name}. "
                                  f"Sur rendez-vous ou sans rendez-vous selon les jours.")
        record["corridor_is_free"] = rng.random() < 0.4  # most language courses and counselling are free
        record["languages"] = record["languages"][:1]
        record["languages"][0]["code"] = rng.choice(SPOKEN)
        for extra in rng.sample(SPOKEN, rng.randint(0, 3)):
            if extra != record["languages"][0]["code"]:
                language = dict(record["languages"][0], id=str(uuid.uuid4()), code=extra)
                record["languages"].append(language)
        _set_terms(record, term_ids, {"phase": phase, "category": category, "target_group": group, "channel": channel})
        _set_translations(record, {"en": en, "es": es, "ar": ar}, detail)
        location = record["service_at_locations"][0]["location"]
        location["latitude"] = round(city.latitude + rng.uniform(-0.03, 0.03), 6)
        location["longitude"] = round(city.longitude + rng.uniform(-0.03, 0.03), 6)
        location["name"] = organisation_name
        for address in location.get("addresses", []):
            address["city"] = city.name
        schedule = record["schedules"][0]
        days = rng.sample(["MO", "TU", "WE", "TH", "FR", "SA"], rng.randint(1, 5))
        schedule["byday"] = ",".join(d for d in ["MO", "TU", "WE", "TH", "FR", "SA"] if d in days)
        opens = rng.choice([8, 9, 10, 13, 14, 17])
        schedule["opens_at"], schedule["closes_at"] = f"{opens:02d}:00", f"{opens + rng.choice([2, 3, 4]):02d}:00"
        # Most providers confirmed their record within the year; some lag behind (stale), a few never did.
        age = rng.choice([rng.randint(1, 330)] * 8 + [rng.randint(400, 900), None])
        record["corridor_last_verified_at"] = age and (NOW - timedelta(days=age)).isoformat()
        records.append(record)
    return records


def _set_terms(record, term_ids, wanted):
    """Point the record's taxonomy attributes at the wanted term of each vocabulary."""
    for attribute in record.get("attributes", []):
        term = attribute.get("taxonomy_term") or {}
        vocabulary_code = term_ids.get(term.get("id"), (None, None))[0]
        if vocabulary_code in wanted:
            vocabulary = VOCABULARIES[vocabulary_code]
            code = wanted[vocabulary_code]
            new_id = vocabulary.term_id(code)
            _rewrite_term(attribute, term.get("id"), new_id, code, str(vocabulary.label(code)))


def _rewrite_term(attribute, old_id, new_id, code, label):
    if attribute.get("taxonomy_term_id") == old_id:
        attribute["taxonomy_term_id"] = new_id
    term = attribute["taxonomy_term"]
    term["id"] = new_id
    if "code" in term:
        term["code"] = code
    if "name" in term:
        term["name"] = label
    if "value" in attribute and attribute["value"] not in (None, ""):
        attribute["value"] = code


def _set_translations(record, names, detail):
    """Translations travel in the record as the exporter writes them; replace their texts."""
    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, dict) and set(item) <= {"name", "description"} and key in ("en",):
                    value.pop(key)
                    for language, name in names.items():
                        value[language] = {"name": f"{name} ({detail})", "description": f"{name}."}
                    return True
                if walk(item):
                    return True
        elif isinstance(value, list):
            return any(walk(item) for item in value)
        return False

    walk(record)


def template_ids(template: dict) -> dict:
    """The ids inside the template record: its own (renewed per clone) and its organisation's."""
    term_ids = {v.term_id(code) for v in VOCABULARIES.values() for code, _ in v.terms}
    found = set()

    def collect(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key.endswith("id") and isinstance(item, str):
                    try:
                        uuid.UUID(item)
                        found.add(item)
                    except ValueError:
                        pass
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(template)
    organisation = template["organization"]["id"]
    return {"own": found - term_ids - {organisation} - {v.taxonomy_id for v in VOCABULARIES.values()},
            "organisation": organisation}


def generate(services: int, organisations: int, territory_count: int, seed: int = 7):
    """Create territories, then import the services city by city. Returns (cities, seconds importing)."""
    import time as clock

    rng = random.Random(seed)
    cities = territories(territory_count, rng)
    template = _template_service()
    ids = template_ids(template)
    organisation_pool = [(str(uuid.uuid4()), f"{rng.choice(['Association', 'Centre', 'Collectif', 'Fondation', 'Service'])} "
                          f"{rng.choice(['Solidarité', 'Horizons', 'Passerelles', 'Accueil', 'Entraide', 'Racines'])} {i}")
                         for i in range(organisations)]
    seconds = 0.0
    for index, city in enumerate(cities):
        count = services // len(cities) + (1 if index < services % len(cities) else 0)
        pool = organisation_pool[index::len(cities)]
        records = service_records(city, pool, count, rng, template, ids)
        started = clock.perf_counter()
        hsds.import_json(records, territory=city)
        seconds += clock.perf_counter() - started
    return cities, seconds
