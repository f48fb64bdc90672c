"""Demo corridors and partnerships, coherent with the Vaud demo and the seeds. Corridors: Pristina → Lausanne
and Portugal → Lausanne (the largest foreign communities of the demo migration profile), Eritrea → Vaud, Sédhiou
→ Vaud (the diaspora portal's region), and two of the guidelines' examples, Batangas → Rome (seed 002) and
Al Hoceima → Schaerbeek (seed 004). Partnerships: Lausanne–Pristina, a memorandum of understanding being drafted,
with elements still missing and two risks; Vaud–Sédhiou and Al Hoceima–Schaerbeek, agreements in implementation;
the Batangas–Rome twinning as the seed tells it, drafted but exposed to the risks that kept it from being signed.

Figures are ILLUSTRATIVE, plausible orders of magnitude and not official statistics, and every source says so;
organisations and people are fictional. Account: pristina/pristina administers Pristina (vaud/vaud administers
Vaud and Lausanne, sedhiou/sedhiou Sédhiou). Needs the directory's demo; loading it again changes nothing."""
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from corridor.accounts.models import TerritoryAdministrator
from corridor.coordination.models import Initiative
from corridor.directory.demo import demo_account
from corridor.directory.models import Organisation
from corridor.territories.models import Territory

from . import agreement, lifecycle
from .models import (
    Action,
    ContactPerson,
    CooperationInterest,
    Corridor,
    CorridorFigure,
    IndicatorPeriod,
    Partnership,
    PartnershipIndicator,
    PartnershipSide,
    StageRecord,
    Stakeholder,
)

DEMO = "Illustrative demo data, not official statistics"
REGISTER = f"{DEMO} (modelled on a municipal population register)"
MIGRATION = f"{DEMO} (modelled on national migration statistics)"
REMITTANCES = f"{DEMO} (modelled on the World Bank's bilateral remittance estimates)"

# slug, parent path, name, kind, country, subdivision, latitude, longitude, translations, is_origin
TERRITORIES = [
    ("xk", None, "Kosovo", "country", "XK", "", 42.6, 20.9, {"ar": "كوسوفو"}, True),
    ("pristina", "xk/", "Pristina", "city", "XK", "", 42.6629, 21.1655, {"sq": "Prishtinë", "fr": "Pristina"}, True),
    ("sn", None, "Senegal", "country", "SN", "", 14.5, -14.45, {"fr": "Sénégal", "es": "Senegal", "ar": "السنغال"},
     True),
    ("sedhiou", "sn/", "Sédhiou", "region", "SN", "SN-SE", 12.7081, -15.5569, {"ar": "سيديو", "en": "Sedhiou"}, True),
    ("ph", None, "Philippines", "country", "PH", "", 12.9, 121.8, {"fr": "Philippines", "es": "Filipinas",
                                                                     "ar": "الفلبين"}, True),
    ("batangas", "ph/", "Batangas", "province", "PH", "PH-BTG", 13.7565, 121.0583, {"ar": "باتانغاس"}, True),
    ("it", None, "Italy", "country", "IT", "", 42.8, 12.8, {"fr": "Italie", "es": "Italia", "ar": "إيطاليا"}, False),
    ("roma", "it/", "Rome", "province", "IT", "IT-RM", 41.9028, 12.4964, {"fr": "Rome", "es": "Roma", "ar": "روما"},
     False),
    ("ma", None, "Morocco", "country", "MA", "", 31.8, -7.1, {"fr": "Maroc", "es": "Marruecos", "ar": "المغرب"}, True),
    ("al-hoceima", "ma/", "Al Hoceima", "city", "MA", "", 35.2517, -3.9372, {"fr": "Al Hoceïma", "ar": "الحسيمة"},
     True),
    ("be", None, "Belgium", "country", "BE", "", 50.6, 4.7, {"fr": "Belgique", "es": "Bélgica", "ar": "بلجيكا"}, False),
    ("schaerbeek", "be/", "Schaerbeek", "city", "BE", "", 50.8676, 4.3737, {"nl": "Schaarbeek", "ar": "سكاربيك"},
     False),
]

# key, name, kind, territory path, language, description
ORGANISATIONS = [
    ("kosovars", "Shoqata e kosovarëve të Lozanës (demo)", "migrant-association", "ch/vaud/lausanne/", "sq",
     "Shoqatë e diasporës kosovare në Lozanë: mbështetje për familjet, kurse gjuhe shqipe për fëmijët, lidhje me "
     "komunën e Prishtinës."),
    ("sedhiou-association", "Association des ressortissants de Sédhiou en Suisse (démo)", "migrant-association",
     "ch/vaud/lausanne/", "fr", "Rassemble les Sédhiouois de Suisse romande : entraide, culture et soutien aux projets "
                                "de la région d'origine."),
    ("ard-sedhiou", "Agence régionale de développement de Sédhiou – Bureau d'appui aux migrants (démo)",
     "local-authority", "sn/sedhiou/", "fr", "Accompagne les projets de la diaspora dans les priorités du plan de "
                                             "développement intégré de la région."),
    ("pristina-migration", "Komuna e Prishtinës – Zyra për migracion (demo)", "local-authority", "xk/pristina/", "sq",
     "Zyra komunale që informon për migrimin e rregullt dhe mbështet të kthyerit."),
    ("batangas-centre", "Batangas Provincial Migrant Resource Centre (demo)", "local-authority", "ph/batangas/", "en",
     "One-stop centre of the province for overseas workers and their families: information, financial literacy, "
     "reintegration."),
    ("filipinos-rome", "Associazione della comunità filippina di Roma (demo)", "migrant-association", "it/roma/", "it",
     "Associazione di lavoratrici e lavoratori filippini a Roma: formazione finanziaria, risparmio e investimento."),
    ("rifains", "Association des Rifains de Schaerbeek (démo)", "migrant-association", "be/schaerbeek/", "fr",
     "Association de la diaspora rifaine de Schaerbeek : mobilise l'expertise belge en urbanisme pour Al Hoceïma."),
    ("hoceima-centre", "Commune d'Al Hoceïma – Bureau de gestion du centre-ville (démo)", "local-authority",
     "ma/al-hoceima/", "fr", "Bureau créé avec l'appui de Schaerbeek pour gérer et revitaliser le centre-ville."),
    ("schaerbeek-urbanisme", "Commune de Schaerbeek – Service de l'urbanisme (démo)", "local-authority",
     "be/schaerbeek/", "fr", "Service communal de l'urbanisme, partenaire technique d'Al Hoceïma."),
]
DIRECTORY = {  # organisations of the directory's demo, by name
    "federation": "Fédération des associations de migrants de Vaud", "bic": "Bureau cantonal pour l'intégration (démo)",
    "oim": "Bureau de liaison d'une organisation internationale (démo)",
    "eritreans": "Communauté érythréenne du canton de Vaud", "lusitanos": "Centro Lusitano de Renens",
    "guichet": "Guichet unique Migrations Lausanne", "sante": "Santé pour tous – consultation infirmière",
}

# origin path, destination path, associations, {kind: {year: value}}, description
CORRIDORS = [
    ("xk/pristina/", "ch/vaud/lausanne/", ["kosovars", "federation"],
     {"diaspora": {2022: 1900, 2023: 1930, 2024: 1950}, "flow": {2022: 95, 2023: 110, 2024: 105},
      "remittances": {2022: 23_100_000, 2023: 24_400_000, 2024: 25_600_000}},
     "People from Pristina are among the largest communities of Lausanne; many send money home and some return to "
     "start a business."),
    ("pt/", "ch/vaud/lausanne/", ["lusitanos"],
     {"diaspora": {2023: 11250, 2024: 11080}, "flow": {2023: 820, 2024: 760},
      "remittances": {2023: 41_800_000, 2024: 40_700_000}},
     "The Portuguese community is the largest foreign community of Lausanne."),
    ("er/", "ch/vaud/", ["eritreans"],
     {"diaspora": {2023: 5100, 2024: 5200}, "flow": {2023: 230, 2024: 210}, "remittances": {2024: 14_000_000}},
     "Refugees from Eritrea and their families, most of them in Lausanne."),
    ("sn/sedhiou/", "ch/vaud/", ["sedhiou-association"],
     {"diaspora": {2023: 420, 2024: 450}, "flow": {2023: 30, 2024: 35},
      "remittances": {2023: 1_900_000, 2024: 2_100_000}},
     "A small but organised diaspora, whose association supports the region's integrated development plan."),
    ("ph/batangas/", "it/roma/", ["filipinos-rome"],
     {"diaspora": {2009: 11500, 2010: 12000, 2011: 12400}, "flow": {2009: 650, 2010: 600, 2011: 580},
      "remittances": {2009: 88_000_000, 2010: 95_000_000, 2011: 99_000_000}},
     "The migration corridor linking the Province of Batangas and Italy (seed 002)."),
    ("ma/al-hoceima/", "be/schaerbeek/", ["rifains"],
     {"diaspora": {2023: 8800, 2024: 9000}, "flow": {2023: 190, 2024: 180},
      "remittances": {2023: 36_000_000, 2024: 38_000_000}},
     "Many citizens of Al Hoceima migrated to Belgium, notably Schaerbeek (seed 004)."),
]
SOURCES = {"diaspora": REGISTER, "flow": MIGRATION, "remittances": REMITTANCES}

SECTORS = {
    "ch/vaud/lausanne/": ["education", "health", "local-economic-development", "governance", "social-inclusion"],
    "ch/vaud/": ["education", "health", "governance", "social-inclusion"],
    "xk/pristina/": ["education", "local-economic-development", "governance"],
    "sn/sedhiou/": ["education", "health", "local-economic-development", "agriculture", "water"],
    "ph/batangas/": ["local-economic-development", "governance", "social-inclusion"],
    "it/roma/": ["governance", "social-inclusion"],
    "ma/al-hoceima/": ["local-economic-development", "governance", "housing"],
    "be/schaerbeek/": ["governance", "social-inclusion", "housing"],
}


def _day(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def _year(offset: int, month: int = 1, day: int = 1) -> date:
    return date(timezone.localdate().year + offset, month, day)


# Each partnership: its fields, its sides (territory path: fields, contacts, stakeholders (key, role, contact)),
# actions, indicators, stages (stage, days ago it started, note) and whether it is final.
PARTNERSHIPS = [
    {"title": "Memorandum of understanding between Lausanne and Pristina", "kind": "memorandum",
     "corridor": ("xk/pristina/", "ch/vaud/lausanne/"), "language": "en", "public": True,
     "translations": {"fr": {"title": "Protocole d'entente entre Lausanne et Pristina"}},
     "aim": "Give people who return from Lausanne to Pristina a way back to a job or a business, and open the "
            "skills and savings of the diaspora to Pristina's local economic development.",
     "sectors": ["education", "local-economic-development", "governance"],
     "results": "120 returnees with a reintegration plan and 40 businesses started by returnees or by the diaspora "
                "by the end of the partnership; a migration office in Pristina that works with Lausanne's.",
     "monitoring": "A joint committee reviews the indicators every six months; Lausanne's one-stop desk and "
                   "Pristina's migration office collect the figures; the results are published on both sites.",
     "start": (1, 1, 1), "end": (3, 12, 31), "signature_in_days": 75, "budget": None, "currency": "CHF",
     "sdgs": [],
     "management": "Lausanne: the one-stop desk for migrants. Pristina: the municipal office for migration.",
     "governance": "A steering committee of two members of each municipality and two of the diaspora association, "
                   "meeting twice a year, decides by consensus.",
     "sides": {
         "ch/vaud/lausanne/": {
             "authority": "City of Lausanne (Switzerland), about 146,000 inhabitants, 43% of them foreign residents. "
                          "Integration is led by the one-stop desk for migrants.",
             "development_plan": "Programme of the legislature 2021–2026",
             "plan_coherence": "The programme's integration priority: information in the languages of the city and "
                               "partnerships with the communities' territories of origin.",
             "mandate": "Municipal decision 2025/118 (demo)", "signatory_name": "Marie Fontaine (demo)",
             "signatory_title": "Mayor", "term_ends_in_days": 500,
             "contacts": [("Nadia Berisha (demo)", "One-stop desk for migrants"),
                          ("Luc Perret (demo)", "International relations")],
             "stakeholders": [("kosovars", "bridge", "Arben Krasniqi (demo)"),
                              ("federation", "coordination", "Sofia Almeida (demo)"),
                              ("oim", "expertise", "Jean Morel (demo)")]},
         "xk/pristina/": {
             "authority": "Municipality of Pristina (Kosovo), about 220,000 inhabitants. Its office for migration "
                          "informs about regular migration and supports returnees.",
             "development_plan": "", "plan_coherence": "", "mandate": "",
             "signatory_name": "Driton Gashi (demo)", "signatory_title": "Mayor", "term_ends_in_days": 400,
             "contacts": [("Vjosa Hoxha (demo)", "Office for migration")],
             "stakeholders": [("pristina-migration", "implementing", "Vjosa Hoxha (demo)")]}},
     "actions": [("Study visits of municipal staff, Pristina to Lausanne and back", "2 visits, 12 staff", (1, 6, 30)),
                 ("Counselling before departure in Lausanne, with the diaspora association", "20 sessions a year",
                  (1, 12, 31)),
                 ("Coaching of businesses started by returnees in Pristina", "", (2, 12, 31))],
     "indicators": [("Returnees with a reintegration plan", "people", 0, 0, "Lausanne–Pristina: return",
                     [((1, 1, 1), (1, 12, 31), 40, None)])],
     "stages": [("identification", 260, "Contacts through the Kosovar association of Lausanne."),
                ("mission", 150, "Identification mission of two Lausanne officials in Pristina."),
                ("drafting", 40, "Drafted from the corridor Pristina → Lausanne.")],
     "final": False},
    {"title": "Partnership agreement between the canton of Vaud and the region of Sédhiou", "kind": "agreement",
     "corridor": ("sn/sedhiou/", "ch/vaud/"), "language": "en", "public": True,
     "translations": {"fr": {"title": "Accord de partenariat entre le canton de Vaud et la région de Sédhiou"}},
     "aim": "Strengthen the health planning of the region of Sédhiou with the canton's hospitals and the Sédhiou "
            "diaspora of Vaud, and support the diaspora's investments in the region's integrated development plan.",
     "sectors": ["education", "health"],
     "results": "Two maternity wards equipped and 30 midwives trained; 15 diaspora projects aligned with the "
                "integrated development plan.",
     "monitoring": "The regional development agency and the canton's integration office report on the indicators "
                   "each year to the joint committee; a mid-term evaluation by a university.",
     "start": (-1, 1, 1), "end": (2, 12, 31), "signature_in_days": -300, "budget": 420000, "currency": "CHF",
     "budget_note": "Canton of Vaud 300,000; region of Sédhiou 60,000 (staff and premises); diaspora association "
                    "60,000 (collective remittances).",
     "sdgs": ["3.1", "10.7", "17.17"],
     "management": "Vaud: the cantonal integration office. Sédhiou: the regional development agency's Help Office "
                   "for Migrants.",
     "governance": "A joint committee of the canton, the region and the diaspora association meets each year and "
                   "adopts the work plan.",
     "sides": {
         "ch/vaud/": {
             "authority": "Canton of Vaud (Switzerland), about 850,000 inhabitants; the cantonal integration office "
                          "coordinates integration policy and funds associations' projects.",
             "development_plan": "Cantonal integration programme 2024–2027",
             "plan_coherence": "Its axis on the participation of migrant associations and on partnerships with "
                               "their regions of origin.",
             "mandate": "Decision of the Council of State of 12 March (demo)", "signatory_name": "Anne Rochat (demo)",
             "signatory_title": "Councillor of State", "term_ends_in_days": 600,
             "contacts": [("Paul Dubois (demo)", "Cantonal integration office"),
                          ("Aïcha Diallo (demo)", "Cantonal integration office")],
             "stakeholders": [("bic", "coordination", "Paul Dubois (demo)"),
                              ("sedhiou-association", "bridge", "Mamadou Sané (demo)"),
                              ("sante", "expertise", "Claire Vidal (demo)")]},
         "sn/sedhiou/": {
             "authority": "Region of Sédhiou (Senegal), about 600,000 inhabitants; its regional development agency "
                          "runs a Help Office for Migrants.",
             "development_plan": "Integrated development plan of the region of Sédhiou",
             "plan_coherence": "Its priorities on maternal and child health and on the investment of the diaspora.",
             "mandate": "Deliberation of the departmental council no. 14 (demo)",
             "signatory_name": "Ousmane Badji (demo)", "signatory_title": "President of the departmental council",
             "term_ends_in_days": 700,
             "contacts": [("Fatou Mané (demo)", "Help Office for Migrants"),
                          ("Ibrahima Sagna (demo)", "Regional development agency")],
             "stakeholders": [("ard-sedhiou", "implementing", "Fatou Mané (demo)")]}},
     "actions": [("Equip two maternity wards", "2 wards equipped", (0, 12, 31)),
                 ("Train midwives with the canton's hospitals", "30 midwives trained", (1, 12, 31)),
                 ("Advise diaspora projects at the Help Office for Migrants", "15 projects advised", (2, 6, 30))],
     "indicators": [("Midwives trained", "people", 0, -1, None, [((-1, 1, 1), (-1, 12, 31), 10, 12),
                                                                 ((0, 1, 1), (0, 12, 31), 20, 14)])],
     "stages": [("identification", 700, "The association of Sédhiou's diaspora in Vaud proposes the partnership."),
                ("mission", 560, "Identification mission of the canton in Sédhiou, with the association."),
                ("drafting", 420, ""), ("signed", 300, "Signed in Lausanne."),
                ("implementation", 280, "")],
     "document": ("Identification mission report (demo)", "mission", "mission-report.txt",
                  "Identification mission to Sedhiou (demo).\n\nMeetings with the regional development agency, two "
                  "maternity wards and the diaspora's relatives. Priorities: maternal health, diaspora investment.\n"),
     "final": True},
    {"title": "Twinning of the provinces of Batangas and Rome", "kind": "twinning",
     "corridor": ("ph/batangas/", "it/roma/"), "language": "en", "public": True, "translations": {},
     "aim": "Maximise the gains and minimise the social cost of the migration corridor linking Batangas and Rome.",
     "sectors": ["local-economic-development", "social-inclusion"],
     "results": "Investments of migrants in Batangas; exchanges of experiences and study tours of officials; social "
                "services for migrants and their families in Batangas and Rome.",
     "monitoring": "", "start": (1, 1, 1), "end": (3, 12, 31), "signature_in_days": 200, "budget": None,
     "currency": "EUR", "sdgs": ["10.c", "17.17"],
     "management": "Batangas: the provincial social welfare office. Rome: the province's department for social "
                   "policies.",
     "governance": "To be defined: the lesson of the first attempt is a committee on twinning that engages other "
                   "offices of government and the private sector.",
     "sides": {
         "ph/batangas/": {
             "authority": "Province of Batangas (Philippines), a province with a large migrant population.",
             "development_plan": "Provincial development plan", "plan_coherence": "Its migration and development "
                                                                                 "component.",
             "mandate": "", "signatory_name": "Governor of Batangas (demo)", "signatory_title": "Governor",
             "term_ends_in_days": 120, "contacts": [("Rosa Dimaculangan (demo)", "Migrant Resource Centre")],
             "stakeholders": [("batangas-centre", "coordination", "Rosa Dimaculangan (demo)")]},
         "it/roma/": {
             "authority": "Province of Rome (Italy), home of a large Filipino community.",
             "development_plan": "Provincial social plan", "plan_coherence": "Services for migrant families.",
             "mandate": "", "signatory_name": "President of the Province (demo)", "signatory_title": "President",
             "term_ends_in_days": 500, "contacts": [("Rosa Dimaculangan (demo)", "Liaison for the twinning")],
             "stakeholders": [("filipinos-rome", "bridge", "Rosa Dimaculangan (demo)")]}},
     "actions": [("Promote investments of migrants (private, philanthropic and collective remittances)",
                  "10 investment projects", (2, 12, 31)),
                 ("Exchanges of experiences and study tours of officials", "2 study tours", (1, 12, 31))],
     "indicators": [],
     "stages": [("identification", 500, "Proposed by the diaspora associations and civil society of both sides."),
                ("drafting", 200, "A memorandum was drafted and given to both parties.")],
     "final": False},
    {"title": "Partnership agreement between Al Hoceima and Schaerbeek", "kind": "agreement",
     "corridor": ("ma/al-hoceima/", "be/schaerbeek/"), "language": "en", "public": True,
     "translations": {"ar": {"title": "اتفاقية شراكة بين الحسيمة وسكاربيك"},
                      "fr": {"title": "Accord de partenariat entre Al Hoceïma et Schaerbeek"}},
     "aim": "Revitalise the town centre of Al Hoceima with a management office, drawing on Schaerbeek's expertise "
            "in urban planning mobilised by the Rif diaspora living in Belgium.",
     "sectors": ["governance", "housing"],
     "results": "A town-centre management office in operation; a plan for the town centre adopted by the council.",
     "monitoring": "The management office reports each year on its indicators to the joint committee; an "
                   "evaluation with the diaspora association at the end.",
     "start": (-1, 1, 1), "end": (1, 12, 31), "signature_in_days": -420, "budget": 250000, "currency": "EUR",
     "budget_note": "Schaerbeek 150,000 (technical assistance); Al Hoceima 100,000 (office and staff).",
     "sdgs": ["11.3", "17.17"],
     "management": "Al Hoceima: the town-centre management office. Schaerbeek: the urban planning department.",
     "governance": "A joint committee of both municipalities and the diaspora association, twice a year.",
     "sides": {
         "ma/al-hoceima/": {
             "authority": "Municipality of Al Hoceima (Morocco), a Mediterranean city growing with rural-to-urban "
                          "migration.",
             "development_plan": "Municipal action plan", "plan_coherence": "Its town-centre renewal programme.",
             "mandate": "Deliberation of the municipal council (demo)", "signatory_name": "Mayor of Al Hoceima (demo)",
             "signatory_title": "Mayor", "term_ends_in_days": 900,
             "contacts": [("Karim Amrani (demo)", "Town-centre management office"),
                          ("Salma Bouzid (demo)", "Planning department")],
             "stakeholders": [("hoceima-centre", "implementing", "Karim Amrani (demo)")]},
         "be/schaerbeek/": {
             "authority": "Municipality of Schaerbeek (Belgium), in the Brussels-Capital Region.",
             "development_plan": "Municipal plan for international solidarity",
             "plan_coherence": "Its priority on partnerships with the territories of origin of its inhabitants.",
             "mandate": "Decision of the municipal council (demo)", "signatory_name": "Mayor of Schaerbeek (demo)",
             "signatory_title": "Mayor", "term_ends_in_days": 800,
             "contacts": [("Els Peeters (demo)", "Urban planning"), ("Youssef El Idrissi (demo)", "Solidarity")],
             "stakeholders": [("schaerbeek-urbanisme", "expertise", "Els Peeters (demo)"),
                              ("rifains", "bridge", "Youssef El Idrissi (demo)")]}},
     "actions": [("Set up the town-centre management office", "1 office with 4 staff", (-1, 12, 31)),
                 ("Technical assistance missions of Schaerbeek's planners", "6 missions", (1, 6, 30))],
     "indicators": [("Shops reopened in the town centre", "shops", 0, -1, None,
                     [((-1, 1, 1), (-1, 12, 31), 10, 8), ((0, 1, 1), (0, 12, 31), 25, None)])],
     "stages": [("identification", 900, "Proposed by the Rif diaspora of Schaerbeek."), ("drafting", 600, ""),
                ("signed", 420, ""), ("implementation", 400, "")],
     "final": True},
]


def _territories() -> dict[str, Territory]:
    for slug, parent, name, kind, country, subdivision, latitude, longitude, translations, origin in TERRITORIES:
        Territory.objects.get_or_create(
            slug=slug, parent=Territory.objects.get(path=parent) if parent else None,
            defaults=dict(name=name, kind=kind, country_code=country, subdivision_code=subdivision, latitude=latitude,
                          longitude=longitude, name_translations=translations, is_origin=origin,
                          is_destination=not origin))
    return {territory.path: territory for territory in Territory.objects.all()}


def _organisations(territories) -> dict[str, Organisation]:
    found = {key: Organisation.objects.get(name=name) for key, name in DIRECTORY.items()}
    for key, name, kind, path, language, description in ORGANISATIONS:
        found[key], _created = Organisation.objects.get_or_create(
            name=name, territory=territories[path],
            defaults=dict(kind=kind, content_language=language, description=description, verified_at=timezone.now(),
                          association_level="association" if kind == "migrant-association" else ""))
    return found


def _corridors(territories, organisations) -> dict[tuple, Corridor]:
    found = {}
    for origin, destination, associations, figures, description in CORRIDORS:
        corridor, _created = Corridor.objects.get_or_create(
            origin=territories[origin], destination=territories[destination],
            defaults=dict(description=description, content_language="en"))
        corridor.associations.add(*[organisations[key] for key in associations])
        for kind, values in figures.items():
            for year, value in values.items():
                CorridorFigure.objects.get_or_create(corridor=corridor, year=year, kind=kind, defaults=dict(
                    value=Decimal(value), source=SOURCES[kind]))
        found[(origin, destination)] = corridor
    return found


def _partnership(spec, territories, organisations, corridors, author) -> Partnership:
    existing = Partnership.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    stages = spec["stages"]
    partnership = Partnership.objects.create(
        title=spec["title"], kind=spec["kind"], content_language=spec["language"], translations=spec["translations"],
        aim=spec["aim"], sectors=spec["sectors"], expected_results=spec["results"], monitoring=spec["monitoring"],
        start_date=_year(*spec["start"]), end_date=_year(*spec["end"]),
        planned_signature_date=_day(spec["signature_in_days"]), budget=spec["budget"], currency=spec["currency"],
        budget_note=spec.get("budget_note", ""), sdg_targets=spec["sdgs"], management=spec["management"],
        governance=spec["governance"], stage=stages[-1][0], is_public=spec["public"],
        corridor=corridors[spec["corridor"]], created_by=author,
        agreement_languages=lifecycle.agreement_languages([territories[path] for path in spec["sides"]],
                                                          spec["language"]))
    for path, side_spec in spec["sides"].items():
        side = PartnershipSide.objects.create(
            partnership=partnership, territory=territories[path], authority=side_spec["authority"],
            development_plan=side_spec["development_plan"], plan_coherence=side_spec["plan_coherence"],
            mandate=side_spec["mandate"], mandate_date=_day(-330) if side_spec["mandate"] else None,
            signatory_name=side_spec["signatory_name"], signatory_title=side_spec["signatory_title"],
            signatory_term_ends=_day(side_spec["term_ends_in_days"]))
        for name, function in side_spec["contacts"]:
            ContactPerson.objects.create(side=side, name=name, function=function)
        for key, role, contact in side_spec["stakeholders"]:
            Stakeholder.objects.create(side=side, organisation=organisations[key], role=role, contact_person=contact)
    for description, measure, due in spec["actions"]:
        Action.objects.create(partnership=partnership, description=description, measure=measure, due_on=_year(*due))
    for title, unit, baseline, year, initiative, periods in spec["indicators"]:
        indicator = PartnershipIndicator.objects.create(
            partnership=partnership, title=title, unit=unit, baseline=baseline, baseline_year=_year(year).year,
            initiative=Initiative.objects.filter(title__startswith=initiative).first() if initiative else None)
        for start, end, target, actual in periods:
            IndicatorPeriod.objects.create(indicator=indicator, period_start=_year(*start), period_end=_year(*end),
                                           target=target, actual=actual)
    records = []
    for index, (stage, days_ago, note) in enumerate(stages):
        ended = _day(-stages[index + 1][1]) if index + 1 < len(stages) else None
        records.append(StageRecord.objects.create(partnership=partnership, stage=stage, started_on=_day(-days_ago),
                                                  ended_on=ended, note=note, recorded_by=author))
    if "document" in spec:
        title, stage, filename, text = spec["document"]
        record = next(record for record in records if record.stage == stage)
        lifecycle.add_document(record, title, filename, text.encode(), author)
    if spec["final"]:
        agreement.finalise(lifecycle.with_details(Partnership.objects.all()).get(pk=partnership.pk), author)
    return partnership


def _pristina_account(territories):
    user = demo_account("pristina", "pristina@example.org")
    TerritoryAdministrator.objects.get_or_create(user=user, territory=territories["xk/pristina/"])


@transaction.atomic
def load(stdout=None):
    author = get_user_model().objects.filter(username="vaud").first()
    territories = _territories()
    organisations = _organisations(territories)
    corridors = _corridors(territories, organisations)
    for path, sectors in SECTORS.items():
        CooperationInterest.objects.get_or_create(territory=territories[path], defaults={"sectors": sectors})
    _pristina_account(territories)
    loaded = [_partnership(spec, territories, organisations, corridors, author) for spec in PARTNERSHIPS]
    if stdout:
        stdout.write(f"Demo partnerships: /en/partnerships/ ({len(loaded)} partnerships, {len(corridors)} corridors); "
                     "partner finder /en/partnerships/finder/?territory=ch/vaud/lausanne/. "
                     "Account: pristina/pristina (Pristina).")
    return loaded
