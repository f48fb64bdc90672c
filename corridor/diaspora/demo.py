"""Demo of the diaspora portal: the region of Sédhiou (Senegal), whose regional development agency opened a
Help Office for Migrants so that its diaspora invests in the priorities of its integrated development plan
(seed 002; seed 004 tells of its partnerships with Catalonia), with its priorities and a project of each kind
of engagement; members of its diaspora in Barcelona, Lausanne, Paris and Turin, and a Lausanne association of
people from Sédhiou, all fictional and consented; their pledges at each stage of follow-up. Accounts:
sedhiou/sedhiou administers the region, asso-sedhiou/asso-sedhiou is a member of the association. Needs the
directory's demo (Lausanne); loading it again changes nothing."""
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from corridor.accounts.models import Membership, TerritoryAdministrator
from corridor.directory.demo import demo_account
from corridor.directory.models import Organisation
from corridor.territories.models import Territory

from .models import DiasporaProfile, Pledge, PledgeEvent, Priority, Project
from .profiles import ASSOCIATION_CONSENT, PERSON_CONSENT, find_person

# slug, parent path, name, kind, country, subdivision, latitude, longitude, translations
TERRITORIES = [
    ("sn", None, "Senegal", "country", "SN", "", 14.5, -14.45, {"fr": "Sénégal", "es": "Senegal", "ar": "السنغال"}),
    ("sedhiou", "sn/", "Sédhiou", "region", "SN", "SN-SE", 12.7081, -15.5569, {"ar": "سيديو"}),
    ("sedhiou-commune", "sn/sedhiou/", "Sédhiou (commune)", "city", "SN", "", 12.7081, -15.5569,
     {"en": "Sédhiou (town)", "ar": "سيديو (البلدية)"}),
    ("goudomp", "sn/sedhiou/", "Goudomp", "district", "SN", "", 12.5781, -15.8756, {"ar": "غودومب"}),
]

ORGANISATIONS = [
    # key, name, kind, level, territory path, description (fr)
    ("ard", "Agence régionale de développement de Sédhiou – Bureau d'appui aux migrants (démo)", "local-authority",
     "", "sn/sedhiou/", "Accompagne les projets de la diaspora dans les priorités du plan de développement intégré de "
                        "la région : information, montage de projet, suivi des contributions."),
    ("association", "Association des ressortissants de Sédhiou en Suisse (démo)", "migrant-association", "association",
     "ch/vaud/lausanne/", "Rassemble les Sédhiouois de Suisse romande : entraide, culture et soutien aux projets de "
                          "la région d'origine."),
]

PRIORITIES = {
    # key: sector, title (fr), description (fr), translations
    "value-chains": ("agriculture", "Transformer sur place le riz et l'anacarde",
                     "La région produit du riz et de la noix de cajou, vendus bruts. Le plan de développement intégré "
                     "veut que la transformation, et les emplois qui vont avec, restent dans la région.",
                     {"en": {"title": "Processing rice and cashew locally",
                             "description": "The region grows rice and cashew nuts and sells them raw. The integrated "
                                            "development plan wants processing, and its jobs, to stay in the region."},
                      "es": {"title": "Transformar in situ el arroz y el anacardo"},
                      "ar": {"title": "تصنيع الأرز والكاجو محليًا"}}),
    "maternal-health": ("health", "Santé maternelle et infantile",
                        "Réduire la mortalité maternelle : équiper les maternités et former les sages-femmes.",
                        {"en": {"title": "Maternal and child health",
                                "description": "Reduce maternal mortality: equip maternity wards and train midwives."},
                         "es": {"title": "Salud materna e infantil"}, "ar": {"title": "صحة الأم والطفل"}}),
    "youth-skills": ("education", "Formation des jeunes",
                     "Donner aux jeunes des compétences qui trouvent preneur dans la région, dont le numérique.",
                     {"en": {"title": "Skills for young people",
                             "description": "Give young people skills that the region needs, digital skills "
                                            "among them."},
                      "es": {"title": "Formación de los jóvenes"}, "ar": {"title": "تدريب الشباب"}}),
    "water": ("water", "Eau potable en milieu rural",
              "Un forage équipé d'une pompe solaire dans chaque village de plus de 500 habitants.",
              {"en": {"title": "Drinking water in rural areas",
                      "description": "A borehole with a solar pump in every village of more than 500 people."},
               "ar": {"title": "مياه الشرب في الأرياف"}}),
}

PROJECTS = [
    {"key": "cashew", "title": "Unité de transformation de noix de cajou à Goudomp", "territory": "sn/sedhiou/goudomp/",
     "priority": "value-chains", "kind": "investment", "sector": "agriculture",
     "skills": ["agriculture", "business", "finance"], "tags": ["export"], "languages": ["fr", "wo"],
     "budget": 45_000_000, "status": "open", "deadline_days": 150,
     "description": "Une coopérative de 120 productrices veut décortiquer et griller elle-même sa noix de cajou. "
                    "Elle cherche des investisseurs de la diaspora (parts sociales rémunérées) et des conseils en "
                    "gestion et en export.",
     "translations": {"en": {"title": "Cashew processing unit in Goudomp",
                             "description": "A cooperative of 120 women growers wants to shell and roast its own cashew "
                                            "nuts. It seeks investors from the diaspora (shares with a return) and "
                                            "advice on management and export."},
                      "es": {"title": "Planta de transformación de anacardo en Goudomp"},
                      "ar": {"title": "وحدة لتصنيع الكاجو في غودومب"}}},
    {"key": "maternity", "title": "Équiper la maternité de l'hôpital régional", "territory": "sn/sedhiou/sedhiou-commune/",
     "priority": "maternal-health", "kind": "philanthropy", "sector": "health", "skills": ["health"],
     "tags": ["sage-femme"], "languages": ["fr"], "budget": 30_000_000, "status": "open", "deadline_days": 90,
     "description": "Deux tables d'accouchement, trois couveuses et un échographe pour la maternité qui accueille "
                    "les naissances difficiles de toute la région.",
     "translations": {"en": {"title": "Equip the maternity ward of the regional hospital",
                             "description": "Two delivery tables, three incubators and an ultrasound scanner for the "
                                            "maternity ward that takes the difficult births of the whole region."},
                      "es": {"title": "Equipar la maternidad del hospital regional"},
                      "ar": {"title": "تجهيز قسم الولادة في المستشفى الإقليمي"}}},
    {"key": "holidays", "title": "Vacances apprenantes : soutien scolaire et numérique", "territory": "sn/sedhiou/",
     "priority": "youth-skills", "kind": "volunteering", "sector": "education", "skills": ["teaching", "it"],
     "tags": [], "languages": ["fr", "wo"], "hours": 600, "status": "open", "deadline_days": 60,
     "description": "Pendant les vacances d'été, des membres de la diaspora de passage donnent des cours de "
                    "soutien et d'initiation au numérique dans les lycées de Sédhiou et Goudomp.",
     "translations": {"en": {"title": "Learning holidays: tutoring and digital skills",
                             "description": "During the summer holidays, members of the diaspora visiting home tutor "
                                            "pupils and teach digital skills in the secondary schools of Sédhiou and "
                                            "Goudomp."},
                      "ar": {"title": "عطلة للتعلم: دروس دعم ومهارات رقمية"}}},
    {"key": "cadastre", "title": "Cadastre numérique des communes", "territory": "sn/sedhiou/", "priority": None,
     "kind": "skills-transfer", "sector": "data", "skills": ["data", "it", "law"], "tags": ["qgis"],
     "languages": ["fr"], "hours": 300, "status": "open", "deadline_days": 120,
     "description": "Former les agents de cinq communes à relever les parcelles et tenir leur cadastre sur "
                    "logiciel libre, pour sécuriser les terrains et les recettes fiscales.",
     "translations": {"en": {"title": "Digital land register for the municipalities",
                             "description": "Train the staff of five municipalities to survey plots and keep their "
                                            "land register with free software, to secure land titles and tax "
                                            "revenue."},
                      "es": {"title": "Catastro digital de los municipios"}}},
    {"key": "boreholes", "title": "Forages solaires dans trois villages", "territory": "sn/sedhiou/goudomp/",
     "priority": "water", "kind": "philanthropy", "sector": "water", "skills": ["water-energy"], "tags": [],
     "languages": ["fr"], "budget": 18_000_000, "status": "underway", "deadline_days": -30,
     "description": "Trois forages équipés de pompes solaires, avec le conseil régional et une coopération "
                    "catalane. Les travaux ont commencé, avec les premiers dons de la diaspora.",
     "translations": {"en": {"title": "Solar boreholes in three villages",
                             "description": "Three boreholes with solar pumps, with the regional council and a "
                                            "Catalan partner. Works have started, with the first gifts of the "
                                            "diaspora."}}},
    {"key": "market", "title": "Marché de gros de Sédhiou (étude de faisabilité)", "territory": "sn/sedhiou/",
     "priority": "value-chains", "kind": "investment", "sector": "local-economic-development", "skills": ["business"],
     "tags": [], "languages": ["fr"], "budget": 12_000_000, "status": "draft", "deadline_days": 200,
     "description": "Étude en cours de rédaction ; le projet sera publié une fois validé par le conseil régional.",
     "translations": {}},
]

PEOPLE = [
    # e-mail, alias, country, place, languages, skills, tags, sectors, kinds, origins, share contact, language
    ("awa.demo@example.org", "Awa S.", "ES", "Barcelona", ["fr", "es", "wo"], ["health"], ["sage-femme"], ["health"],
     ["philanthropy", "skills-transfer"], ["sn/sedhiou/sedhiou-commune/"], False, "fr"),
    ("moussa.demo@example.org", "Moussa D.", "CH", "Lausanne", ["fr", "wo", "en"], ["it", "data", "teaching"], ["qgis"],
     ["education", "data"], ["skills-transfer", "volunteering"], ["sn/sedhiou/"], True, "fr"),
    ("fatou.demo@example.org", "Fatou B.", "FR", "Paris", ["fr", "wo"], ["finance", "business", "agriculture"], [],
     ["agriculture", "local-economic-development"], ["investment"], ["sn/sedhiou/goudomp/"], False, "fr"),
    ("ibrahima.demo@example.org", "Ibrahima K.", "IT", "Torino", ["fr", "it"], ["engineering", "water-energy"], [],
     ["water"], ["volunteering", "philanthropy"], ["sn/"], False, "en"),
]

PLEDGES = [
    # project key, pledger (e-mail or "association"), kind, amount, currency, hours, skill, message,
    # [(status, days ago, note)]
    ("maternity", "association", "philanthropy", 2_500_000, "XOF", None, "",
     "Collecte de notre fête annuelle à Lausanne.",
     [("offered", 40, ""), ("accepted", 38, "Merci ! Virement attendu sur le compte du Bureau d'appui aux migrants."),
      ("fulfilled", 20, "Virement reçu ; la couveuse est commandée.")]),
    ("maternity", "awa.demo@example.org", "philanthropy", 400, "EUR", None, "",
     "Je peux aussi former les sages-femmes au suivi des grossesses à risque lors de mon séjour en août.",
     [("offered", 12, ""), ("accepted", 10, "Merci, nous vous écrivons pour le séjour d'août.")]),
    ("cashew", "fatou.demo@example.org", "investment", 5_000_000, "XOF", None, "",
     "Prise de parts dans la coopérative ; je souhaite voir le plan d'affaires.",
     [("offered", 25, ""), ("accepted", 21, "Plan d'affaires envoyé par la plateforme."),
      ("in-progress", 7, "Premier versement de 2 000 000 XOF reçu.")]),
    ("cadastre", "moussa.demo@example.org", "skills-transfer", None, "", 40, "data",
     "Deux semaines de formation QGIS à distance, puis une semaine sur place en juillet.", [("offered", 3, "")]),
    ("boreholes", "ibrahima.demo@example.org", "philanthropy", 300, "EUR", None, "", "",
     [("offered", 70, ""), ("accepted", 68, ""), ("fulfilled", 60, "Reçu, merci.")]),
]


def _territories() -> dict[str, Territory]:
    for slug, parent, name, kind, country, subdivision, latitude, longitude, translations in TERRITORIES:
        Territory.objects.get_or_create(
            slug=slug, parent=Territory.objects.get(path=parent) if parent else None,
            defaults=dict(name=name, kind=kind, country_code=country, subdivision_code=subdivision, latitude=latitude,
                          longitude=longitude, name_translations=translations, is_origin=True))
    return {territory.path: territory for territory in Territory.objects.filter(path__startswith="sn/")} | {
        "ch/vaud/lausanne/": Territory.objects.get(path="ch/vaud/lausanne/")}


def _organisations(territories) -> dict[str, Organisation]:
    found = {}
    for key, name, kind, level, path, description in ORGANISATIONS:
        found[key], _created = Organisation.objects.get_or_create(
            name=name, territory=territories[path],
            defaults=dict(kind=kind, association_level=level, description=description, content_language="fr",
                          languages=["fr", "wo"], email=f"contact@{key}-sedhiou.example.org",
                          verified_at=timezone.now()))
    return found


def _profiles(territories, organisations, member) -> dict[str, DiasporaProfile]:
    now = timezone.now()
    found = {}
    for (email, alias, country, place, languages, skills, tags, sectors, kinds, origins, share,
         language) in PEOPLE:
        profile = find_person(email)
        if profile is None:
            profile = DiasporaProfile.objects.create(
                kind=DiasporaProfile.Kind.PERSON, display_name=alias, email=email, residence_country=country,
                residence_place=place, languages=languages, skills=skills, skill_tags=tags, interest_sectors=sectors,
                interest_kinds=kinds, share_contact=share, language=language, consent_text=str(PERSON_CONSENT),
                consent_language="en", consented_at=now, confirmed_at=now)
            profile.origins.set([territories[path] for path in origins])
        found[email] = profile
    association = organisations["association"]
    profile = DiasporaProfile.objects.filter(organisation=association).first()
    if profile is None:
        profile = DiasporaProfile.objects.create(
            kind=DiasporaProfile.Kind.ASSOCIATION, organisation=association, display_name=association.name,
            email=association.email, residence_country="CH", residence_place="Lausanne", languages=["fr", "wo"],
            interest_sectors=["health", "education"], interest_kinds=["philanthropy"], language="fr",
            consent_text=str(ASSOCIATION_CONSENT), consent_language="en", consented_at=now, consented_by=member,
            confirmed_at=now)
        profile.origins.set([territories["sn/sedhiou/"]])
    found["association"] = profile
    return found


def _pledges(projects, pledgers, admin) -> None:
    now = timezone.now()
    for key, pledger, kind, amount, currency, hours, skill, message, steps in PLEDGES:
        project, profile = projects[key], pledgers[pledger]
        if project.pledges.filter(profile=profile).exists():
            continue
        pledge = Pledge.objects.create(project=project, profile=profile, kind=kind,
                                       amount=Decimal(amount) if amount is not None else None, currency=currency,
                                       hours=hours, skill=skill, message=message, status=steps[-1][0])
        for status, days, note in steps:
            by_pledger = status == "offered"
            PledgeEvent.objects.create(pledge=pledge, status=status, note=note, at=now - timedelta(days=days),
                                       by=None if by_pledger else admin, by_pledger=by_pledger)
        Pledge.objects.filter(pk=pledge.pk).update(created_at=now - timedelta(days=steps[0][1]))


@transaction.atomic
def load(stdout=None):
    territories = _territories()
    organisations = _organisations(territories)
    admin = demo_account("sedhiou", "sedhiou@example.org")
    member = demo_account("asso-sedhiou", "asso-sedhiou@example.org")
    TerritoryAdministrator.objects.get_or_create(user=admin, territory=territories["sn/sedhiou/"])
    Membership.objects.get_or_create(user=member, organisation=organisations["association"])
    priorities = {}
    for key, (sector, title, description, translations) in PRIORITIES.items():
        priorities[key], _created = Priority.objects.get_or_create(
            territory=territories["sn/sedhiou/"], title=title,
            defaults=dict(sector=sector, description=description, content_language="fr", translations=translations,
                          is_published=True, created_by=admin))
    projects = {}
    today = timezone.localdate()
    for spec in PROJECTS:
        territory = territories[spec["territory"]]
        projects[spec["key"]] = Project.objects.filter(territory=territory, title=spec["title"]).first() or \
            Project.objects.create(
                territory=territory, title=spec["title"], description=spec["description"], content_language="fr",
                translations=spec["translations"], priority=priorities.get(spec["priority"]), kind=spec["kind"],
                sector=spec["sector"], skills=spec["skills"], skill_tags=spec["tags"], languages=spec["languages"],
                budget=Decimal(spec["budget"]) if "budget" in spec else None, currency="XOF",
                hours_sought=spec.get("hours"), status=spec["status"],
                deadline=today + timedelta(days=spec["deadline_days"]), created_by=admin)
    _pledges(projects, _profiles(territories, organisations, member), admin)
    if stdout:
        stdout.write(f"Demo diaspora portal: /en/diaspora/?territory=sn/sedhiou/ ({len(projects)} projects of Sédhiou); "
                     "accounts sedhiou/sedhiou (the region), asso-sedhiou/asso-sedhiou (a diaspora association).")
    return projects
