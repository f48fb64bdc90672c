"""Demo content: the canton of Vaud, whose integration policy builds on existing civil-society
structures (seed 002), with origin territories linked to it. Organisations, people and numbers are
fictional; phone numbers use the reserved +41 21 000 range."""
from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from corridor.accounts.models import Membership, TerritoryAdministrator
from corridor.territories.models import Territory

from . import search
from .editing import set_languages, set_terms
from .models import CostOption, Location, Organisation, Phone, RequiredDocument, Schedule, Service, ServiceAtLocation

TERRITORIES = [
    # slug, parent slug, name, kind, country, subdivision, lat, lon, translations, roles
    ("ch", None, "Switzerland", "country", "CH", "", 46.8, 8.2, {"fr": "Suisse", "es": "Suiza", "ar": "سويسرا"}, "d"),
    ("vaud", "ch", "Vaud", "region", "CH", "CH-VD", 46.57, 6.65, {"ar": "فو"}, "d"),
    ("lausanne", "vaud", "Lausanne", "city", "CH", "", 46.5197, 6.6323, {"ar": "لوزان"}, "d"),
    ("renens", "vaud", "Renens", "city", "CH", "", 46.5353, 6.5880, {}, "d"),
    ("yverdon", "vaud", "Yverdon-les-Bains", "city", "CH", "", 46.7785, 6.6412, {}, "d"),
    ("vevey", "vaud", "Vevey", "city", "CH", "", 46.4628, 6.8419, {}, "d"),
    ("nyon", "vaud", "Nyon", "city", "CH", "", 46.3833, 6.2398, {}, "d"),
    ("er", None, "Eritrea", "country", "ER", "", 15.3, 38.9, {"fr": "Érythrée", "es": "Eritrea", "ar": "إريتريا"}, "o"),
    ("pt", None, "Portugal", "country", "PT", "", 39.5, -8.0, {"ar": "البرتغال"}, "o"),
    ("xk", None, "Kosovo", "country", "XK", "", 42.6, 20.9, {"ar": "كوسوفو"}, "o"),
    ("sy", None, "Syria", "country", "SY", "", 35.0, 38.5, {"fr": "Syrie", "es": "Siria", "ar": "سوريا"}, "o"),
]

ORGANISATIONS = [
    # key, name, kind, level, territory, description (fr), languages
    ("bic", "Bureau cantonal pour l'intégration (démo)", "local-authority", "", "vaud",
     "Coordonne le programme cantonal d'intégration et finance les projets des associations.", ["fr", "en"]),
    ("guichet", "Guichet unique Migrations Lausanne", "local-authority", "", "lausanne",
     "Guichet unique d'accueil, d'information et d'orientation pour les personnes arrivant à Lausanne.",
     ["fr", "en", "es", "pt", "ar", "ti", "sq", "tr"]),
    ("renens-accueil", "Ville de Renens – Accueil des nouveaux habitants", "local-authority", "", "renens",
     "Accueil et information des nouveaux habitants de Renens.", ["fr", "pt", "es"]),
    ("langues-pour-tous", "Association Langues pour tous", "cso", "", "lausanne",
     "Cours de français à bas seuil donnés par des bénévoles formés.", ["fr"]),
    ("ecole-nord", "École de langues du Nord vaudois", "cso", "", "yverdon",
     "Cours de français intensifs et préparation aux examens de langue.", ["fr", "en"]),
    ("droit-migrants", "Permanence juridique Droit et Migrations", "cso", "", "lausanne",
     "Conseil juridique gratuit sur le permis de séjour, le regroupement familial et l'asile.", ["fr", "en", "es", "ar"]),
    ("sante-pour-tous", "Santé pour tous – consultation infirmière", "cso", "", "lausanne",
     "Consultation de santé sans condition d'assurance ni de statut.", ["fr", "es", "ar", "ti"]),
    ("toit-solidaire", "Toit solidaire", "faith-based", "", "lausanne",
     "Hébergement d'urgence et accompagnement vers le logement.", ["fr", "en"]),
    ("ass-eritreenne", "Communauté érythréenne du canton de Vaud", "migrant-association", "association", "lausanne",
     "Association de la diaspora érythréenne : accueil, médiation et soutien aux familles.", ["ti", "fr", "en", "ar"]),
    ("federation", "Fédération des associations de migrants de Vaud", "migrant-association", "federation", "vaud",
     "Fédère une quarantaine d'associations et représente leurs voix auprès des autorités.", ["fr", "pt", "sq", "es"]),
    ("lusitanos", "Centro Lusitano de Renens", "migrant-association", "association", "renens",
     "Association portugaise : permanence sociale, culture, informations sur le retour.", ["pt", "fr"]),
    ("syndicat", "Syndicat interprofessionnel – permanence migrants", "trade-union", "", "lausanne",
     "Défense des droits au travail, contrôle des contrats et des salaires.", ["fr", "pt", "es", "sq"]),
    ("uni", "Université – Clinique du droit des étrangers", "academia", "", "lausanne",
     "Étudiants encadrés qui aident à préparer des dossiers administratifs.", ["fr", "en"]),
    ("oim", "Bureau de liaison d'une organisation internationale (démo)", "international", "", "vaud",
     "Conseil au retour volontaire et aide à la réintégration.", ["fr", "en", "ar", "ti", "sq"]),
    ("entreprendre", "Entreprendre Ici", "private", "", "vevey",
     "Accompagnement de migrants qui créent leur entreprise.", ["fr", "en"]),
    ("langues-pour-tous-bis", "Langues pour tous (Lausanne)", "cso", "", "lausanne",
     "Cours de français à bas seuil donnés par des bénévoles.", ["fr"]),
]

WEEKDAYS = [("MO,TU,WE,TH,FR", (8, 30), (17, 0))]
HELPLINE_LANGUAGES = ["fr", "en", "es", "pt", "ar", "ti", "sq", "tr"]

# key, organisation, name (fr), description (fr), phases, categories, groups, channels, languages, free,
# place (street, postal code, lat, lon, transport) or None, hours, translations {lang: (name, description)},
# months since verified
SERVICES = [
    ("helpline", "guichet", "Ligne d'information multilingue",
     "Une ligne téléphonique qui répond en huit langues aux questions sur l'arrivée, le permis, l'école, le logement et la santé.",
     ["destination", "pre-departure"], ["information", "interpretation"], ["everyone"], ["phone"], HELPLINE_LANGUAGES, True,
     None, [("MO,TU,WE,TH,FR", (8, 0), (18, 0)), ("SA", (9, 0), (12, 0))],
     {"en": ("Multilingual information line", "A phone line answering in eight languages about arrival, permits, school, housing and health."),
      "es": ("Línea de información multilingüe", "Una línea telefónica que responde en ocho idiomas sobre llegada, permisos, escuela, vivienda y salud."),
      "ar": ("خط معلومات متعدد اللغات", "خط هاتفي يجيب بثماني لغات عن الوصول والتصاريح والمدرسة والسكن والصحة.")}, 2),
    ("accueil", "guichet", "Accueil et orientation des nouveaux arrivants",
     "Premier entretien d'accueil, informations sur les démarches et orientation vers les services adaptés.",
     ["destination"], ["information"], ["everyone", "labour-migrants", "refugees"], ["one-stop-shop"], ["fr", "en", "es", "pt", "ar"], True,
     ("Place Chauderon 7", "1003", 46.5226, 6.6257, "Métro m1 arrêt Chauderon ; bus 9 et 16."), WEEKDAYS,
     {"en": ("Welcome and guidance for newcomers", "A first welcome interview, information on formalities and referral to the right services."),
      "ar": ("الاستقبال والتوجيه للقادمين الجدد", "مقابلة استقبال أولى ومعلومات عن الإجراءات وتوجيه إلى الخدمات المناسبة.")}, 1),
    ("cours-bas-seuil", "langues-pour-tous", "Cours de français à bas seuil",
     "Cours de français pour adultes débutants, deux fois par semaine, avec garderie pour les enfants.",
     ["destination"], ["language"], ["everyone", "women"], ["office"], ["fr"], True,
     ("Rue de la Borde 12", "1018", 46.5290, 6.6345, "Bus 16 arrêt Borde."), [("TU,TH", (9, 0), (11, 0))],
     {"en": ("Beginner French courses", "French courses for adult beginners twice a week, with childcare."),
      "es": ("Cursos de francés para principiantes", "Cursos de francés para adultos principiantes, dos veces por semana, con guardería."),
      "ar": ("دروس اللغة الفرنسية للمبتدئين", "دروس فرنسية للبالغين المبتدئين مرتين في الأسبوع مع رعاية للأطفال.")}, 3),
    ("cours-bas-seuil-dup", "langues-pour-tous-bis", "Cours de français bas seuil",
     "Cours de français pour adultes débutants deux fois par semaine avec garderie.",
     ["destination"], ["language"], ["everyone"], ["office"], ["fr"], True,
     ("Rue de la Borde 12", "1018", 46.5290, 6.6345, ""), [("TU,TH", (9, 0), (11, 0))], {}, 16),
    ("intensif", "ecole-nord", "Français intensif et examens de langue",
     "Cours intensifs de français du niveau A1 au B2 et préparation aux certificats demandés pour le permis.",
     ["destination"], ["language", "education"], ["labour-migrants", "refugees"], ["office", "online"], ["fr", "en"], False,
     ("Rue du Lac 40", "1400", 46.7790, 6.6400, "À 5 minutes à pied de la gare d'Yverdon."), [("MO,WE,FR", (18, 0), (20, 30))],
     {"en": ("Intensive French and language exams", "Intensive French courses from A1 to B2 and preparation for the certificates required for permits.")}, 5),
    ("juridique", "droit-migrants", "Permanence juridique gratuite",
     "Conseil sur le permis de séjour, le regroupement familial, la naturalisation et la procédure d'asile.",
     ["destination"], ["legal"], ["asylum-seekers", "refugees", "labour-migrants"], ["office", "phone"], ["fr", "en", "es", "ar"], True,
     ("Avenue de Morges 15", "1004", 46.5230, 6.6190, "Bus 1 et 25, arrêt Prélaz."), [("WE", (14, 0), (18, 0))],
     {"en": ("Free legal advice", "Advice on residence permits, family reunification, naturalisation and asylum procedures."),
      "es": ("Asesoría jurídica gratuita", "Asesoría sobre permisos de residencia, reagrupación familiar, naturalización y asilo."),
      "ar": ("استشارة قانونية مجانية", "استشارة حول تصاريح الإقامة ولم شمل الأسرة والتجنس وإجراءات اللجوء.")}, 4),
    ("sante", "sante-pour-tous", "Consultation infirmière sans condition",
     "Soins de base, orientation vers un médecin et aide pour l'assurance maladie, quel que soit votre statut.",
     ["destination"], ["health"], ["everyone", "asylum-seekers"], ["office", "mobile"], ["fr", "es", "ar", "ti"], True,
     ("Rue César-Roux 8", "1005", 46.5230, 6.6420, "Bus 7 arrêt Bessières."), [("MO,TH", (13, 0), (17, 0))],
     {"en": ("Nurse consultation, no conditions", "Basic care, referral to a doctor and help with health insurance, whatever your status."),
      "ar": ("استشارة تمريضية دون شروط", "رعاية أساسية وتوجيه إلى طبيب ومساعدة في التأمين الصحي مهما كان وضعك.")}, 14),
    ("hebergement", "toit-solidaire", "Hébergement d'urgence",
     "Lits pour la nuit et accompagnement vers un logement stable.",
     ["destination"], ["housing"], ["everyone", "families-left-behind"], ["office"], ["fr", "en"], True,
     ("Chemin du Couchant 3", "1007", 46.5150, 6.6200, ""), [("MO,TU,WE,TH,FR,SA,SU", (19, 0), (23, 0))],
     {"en": ("Emergency shelter", "Beds for the night and support towards stable housing."),
      "es": ("Alojamiento de emergencia", "Camas para la noche y acompañamiento hacia una vivienda estable."),
      "ar": ("إيواء طارئ", "أسرّة للمبيت ومرافقة نحو سكن مستقر.")}, 6),
    ("mediation", "ass-eritreenne", "Médiation interculturelle et soutien aux familles",
     "Des membres de la communauté accompagnent les familles dans leurs démarches et traduisent lors des rendez-vous.",
     ["destination"], ["family", "interpretation", "community"], ["refugees", "families-left-behind"], ["office", "phone"], ["ti", "fr", "ar"], True,
     ("Avenue de Tivoli 20", "1007", 46.5180, 6.6230, ""), [("SA", (10, 0), (16, 0))],
     {"en": ("Intercultural mediation and family support", "Community members accompany families and interpret at appointments.")}, 7),
    ("info-depart", "ass-eritreenne", "Séances d'information avant le départ (diaspora)",
     "Séances en ligne pour les proches au pays qui envisagent de migrer : voies légales, risques, coûts réels.",
     ["pre-decision", "pre-departure"], ["information"], ["families-left-behind", "diaspora"], ["online"], ["ti", "ar", "en"], True,
     None, [("SU", (16, 0), (18, 0))],
     {"en": ("Pre-departure information sessions (diaspora)", "Online sessions for relatives back home considering migration: legal routes, risks, real costs.")}, 2),
    ("conseil-federation", "federation", "Permanence associative et participation",
     "Aide pour créer une association, accès aux financements cantonaux et participation aux consultations.",
     ["destination"], ["community"], ["diaspora", "everyone"], ["office"], ["fr", "pt", "sq", "es"], True,
     ("Rue de Genève 52", "1004", 46.5220, 6.6210, "Métro m1 arrêt Vigie."), [("TU", (17, 0), (20, 0))], {}, 9),
    ("retour-pt", "lusitanos", "Informations sur le retour au Portugal",
     "Soirées d'information sur les droits sociaux, la retraite et la réinstallation au Portugal.",
     ["return"], ["information", "reintegration"], ["returnees", "labour-migrants"], ["office"], ["pt", "fr"], True,
     ("Rue de Lausanne 30", "1020", 46.5360, 6.5900, "Gare de Renens, 3 minutes à pied."), [("FR", (19, 0), (21, 0))],
     {"en": ("Information on returning to Portugal", "Evenings on social rights, pensions and resettling in Portugal.")}, 13),
    ("travail", "syndicat", "Permanence droits au travail",
     "Vérification des contrats et des salaires, aide en cas de licenciement ou d'exploitation.",
     ["destination"], ["employment", "legal", "anti-discrimination"], ["labour-migrants", "women"], ["office", "phone"], ["fr", "pt", "es", "sq"], True,
     ("Place Chauderon 5", "1003", 46.5224, 6.6262, ""), [("MO,WE", (16, 0), (19, 0))],
     {"en": ("Workers' rights desk", "Checks contracts and wages, helps in case of dismissal or exploitation."),
      "es": ("Atención sobre derechos laborales", "Revisión de contratos y salarios, ayuda en caso de despido o explotación.")}, 1),
    ("clinique", "uni", "Aide aux dossiers administratifs",
     "Des étudiants encadrés aident à remplir les formulaires de permis, de naturalisation et d'aide sociale.",
     ["destination"], ["legal", "information"], ["everyone"], ["office"], ["fr", "en"], True,
     ("Quartier UNIL-Chamberonne", "1015", 46.5220, 6.5790, "Métro m1 arrêt UNIL-Chamberonne."), [("TH", (12, 0), (14, 0))], {}, 20),
    ("reintegration", "oim", "Conseil au retour volontaire et réintégration",
     "Conseil confidentiel sur le retour, aide au voyage et projet de réintégration dans le pays d'origine.",
     ["return"], ["reintegration", "information"], ["returnees", "asylum-seekers"], ["office", "phone"], ["fr", "en", "ar", "ti", "sq"], True,
     ("Rue Caroline 11", "1003", 46.5190, 6.6350, ""), [("MO,TU,TH", (9, 0), (12, 0))],
     {"en": ("Voluntary return and reintegration counselling", "Confidential counselling on return, travel assistance and a reintegration plan."),
      "ar": ("استشارة حول العودة الطوعية وإعادة الإدماج", "استشارة سرية حول العودة ومساعدة في السفر وخطة لإعادة الإدماج في بلد الأصل.")}, 3),
    ("entreprise", "entreprendre", "Créer son entreprise",
     "Ateliers et suivi individuel pour les personnes migrantes qui veulent créer une entreprise.",
     ["destination"], ["business", "employment"], ["labour-migrants", "diaspora", "women"], ["office", "online"], ["fr", "en"], False,
     ("Rue du Simplon 4", "1800", 46.4630, 6.8430, "Gare de Vevey."), [("WE", (18, 0), (20, 0))],
     {"en": ("Start your business", "Workshops and one-to-one support for migrants who want to start a business.")}, 8),
    ("accueil-renens", "renens-accueil", "Séance d'accueil des nouveaux habitants",
     "Présentation de la ville, des écoles, des transports et des associations, avec interprètes.",
     ["destination"], ["information", "community"], ["everyone"], ["office"], ["fr", "pt", "es"], True,
     ("Rue de Lausanne 33", "1020", 46.5355, 6.5905, ""), [("SA", (9, 0), (12, 0))], {}, 11),
    ("bic-conseil", "bic", "Conseil aux communes et aux associations",
     "Appui aux projets d'intégration des communes et des associations, appels à projets annuels.",
     ["destination"], ["community"], ["diaspora", "everyone"], ["office"], ["fr", "en"], True,
     ("Rue du Valentin 10", "1014", 46.5250, 6.6330, ""), WEEKDAYS, {}, 2),
]


def _months_ago(months):
    return timezone.now() - timedelta(days=30 * months)


@transaction.atomic
def load(stdout=None):
    """Create the demo records that do not exist yet; running it again changes nothing."""
    territories = {}
    for slug, parent, name, kind, country, subdivision, lat, lon, translations, roles in TERRITORIES:
        territories[slug], _ = Territory.objects.get_or_create(
            slug=slug, parent=territories.get(parent),
            defaults=dict(name=name, kind=kind, country_code=country, subdivision_code=subdivision, latitude=lat,
                          longitude=lon, name_translations=translations, is_origin="o" in roles,
                          is_destination="d" in roles))
    organisations = {}
    for key, name, kind, level, territory, description, languages in ORGANISATIONS:
        organisations[key], _ = Organisation.objects.get_or_create(
            name=name, territory=territories[territory],
            defaults=dict(kind=kind, association_level=level, description=description, content_language="fr",
                          languages=languages, email=f"contact@{key}.example.org",
                          website=f"https://{key}.example.org", verified_at=None if key.endswith("-bis") else timezone.now()))
    organisations["federation"].areas.add(territories["lausanne"], territories["renens"], territories["yverdon"])
    for (key, org, name, description, phases, categories, groups, channels, languages, free, place, hours,
         translations, months) in SERVICES:
        organisation = organisations[org]
        if Service.objects.filter(organisation=organisation, name=name).exists():
            continue
        service = Service.objects.create(
            organisation=organisation, territory=organisation.territory, name=name, description=description,
            content_language="fr", is_free=free, email=organisation.email, url=organisation.website,
            translations={lang: {"name": n, "description": d} for lang, (n, d) in translations.items()},
            fees_description="" if free else "CHF 120 par session de 10 semaines ; réductions possibles.",
            last_verified_at=_months_ago(months))
        set_terms(service, [("phase", c) for c in phases] + [("category", c) for c in categories]
                  + [("target_group", c) for c in groups] + [("channel", c) for c in channels])
        set_languages(service, languages)
        if place:
            street, postal, lat, lon, transport = place
            city = organisation.territory
            location, _ = Location.objects.get_or_create(
                organisation=organisation, address_1=street, postal_code=postal,
                defaults=dict(territory=city, name=organisation.name, city=city.name, country="CH", latitude=lat,
                              longitude=lon, transportation=transport, content_language="fr",
                              accessibility="Accès de plain-pied." if key in ("accueil", "sante") else ""))
            ServiceAtLocation.objects.get_or_create(service=service, location=location)
        for byday, opens, closes in hours:
            Schedule.objects.create(service=service, byday=byday, opens_at=time(*opens), closes_at=time(*closes))
        if key == "helpline":
            Phone.objects.create(service=service, number="+41 21 000 10 10", languages=HELPLINE_LANGUAGES,
                                 description="Appel au tarif local")
        elif "phone" in channels:
            Phone.objects.create(service=service, number=f"+41 21 000 {20 + len(key):02d} {len(name) % 90 + 10:02d}")
        if not free:
            CostOption.objects.create(service=service, option="Session de 10 semaines", amount=120, currency="CHF")
        if key in ("juridique", "accueil"):
            RequiredDocument.objects.create(service=service, document="Pièce d'identité ou permis, si vous en avez un")
        search.reindex(service)
    _users(territories, organisations)
    if stdout:
        stdout.write(f"Demo data: {Organisation.objects.count()} organisations, {Service.objects.count()} services.")
        stdout.write("Accounts: admin/admin (platform), vaud/vaud (canton of Vaud), lausanne-cso/lausanne-cso (member).")


def demo_account(username: str, email: str = ""):
    """A demo account whose password is its user name (the README lists them); made once, then left as it is."""
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    if created:
        user.set_password(username)
        user.save()
    return user


def _users(territories, organisations):
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@example.org", "admin")
    vaud = demo_account("vaud", "vaud@example.org")
    TerritoryAdministrator.objects.get_or_create(user=vaud, territory=territories["vaud"])
    member = demo_account("lausanne-cso", "cso@example.org")
    Membership.objects.get_or_create(user=member, organisation=organisations["langues-pour-tous"])
