"""Demo initiatives of the canton of Vaud and its corridors: eight projects of the directory's demo organisations,
three of them local-to-local with Pristina (Kosovo) and Dakar (Senegal), with their partners, fundings,
results and indicators; and an open call for proposals of the canton with weighted criteria, one proposal
submitted and scored, one still a draft of the lausanne-cso account. Organisations, people, amounts and results
are fictional. Dates are written as seen from mid-2025 and moved by whole years to the year of loading, so that
what is running stays running. Needs the directory's demo; loading it again changes nothing."""
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from corridor.directory.models import Organisation
from corridor.territories.models import Territory

from . import calls, initiatives
from .models import Call, Criterion, Funding, Indicator, Initiative, InitiativePartner, Proposal, Result

# slug, parent path, name, kind, country, latitude, longitude, translations, is_origin
TERRITORIES = [
    ("pristina", "xk/", "Pristina", "city", "XK", 42.6629, 21.1655, {"sq": "Prishtinë", "fr": "Pristina"}, True),
    ("sn", None, "Senegal", "country", "SN", 14.5, -14.45, {"fr": "Sénégal", "es": "Senegal", "ar": "السنغال"}, True),
    ("dakar", "sn/", "Dakar", "city", "SN", 14.7167, -17.4677, {"ar": "داكار"}, True),
]
# key, name, kind, territory path, content language, description
ORGANISATIONS = [
    ("pristina-migration", "Komuna e Prishtinës – Zyra për migracion (demo)", "local-authority", "xk/pristina/", "sq",
     "Zyra komunale që informon për migrimin e rregullt dhe mbështet të kthyerit."),
    ("dakar-diaspora", "Ville de Dakar – Bureau de la diaspora (démo)", "local-authority", "sn/dakar/", "fr",
     "Accompagne les projets d'investissement de la diaspora sénégalaise."),
]

DIRECTORY = {  # keys of the directory's demo organisations, by name
    "bic": "Bureau cantonal pour l'intégration (démo)", "guichet": "Guichet unique Migrations Lausanne",
    "langues": "Association Langues pour tous", "droit": "Permanence juridique Droit et Migrations",
    "sante": "Santé pour tous – consultation infirmière", "toit": "Toit solidaire",
    "erythreens": "Communauté érythréenne du canton de Vaud",
    "federation": "Fédération des associations de migrants de Vaud",
    "lusitanos": "Centro Lusitano de Renens", "uni": "Université – Clinique du droit des étrangers",
    "oim": "Bureau de liaison d'une organisation internationale (démo)", "entreprendre": "Entreprendre Ici",
    "syndicat": "Syndicat interprofessionnel – permanence migrants",
}

# Each initiative: its fields, classification, partners (key, role), fundings (donor key or name, amount, currency,
# start, end) and results (kind, title, [(indicator, unit, baseline, year, target, actual, start, end)]).
INITIATIVES = [
    {"title": "Français au quotidien – cours à bas seuil dans les quartiers", "lead": "langues",
     "territory": "ch/vaud/lausanne/", "status": "implementation", "start": date(2024, 9, 1), "end": date(2026, 6, 30),
     "budget": 180000, "currency": "CHF", "planned": 400, "actual": 260, "language": "fr",
     "description": "Des cours de français gratuits, deux soirs par semaine, dans quatre maisons de quartier, avec "
                    "garde d'enfants, donnés par des bénévoles formés.",
     "translations": {"en": {"title": "Everyday French – low-threshold courses in the neighbourhoods",
                             "description": "Free French courses two evenings a week in four community centres, with "
                                            "childcare, taught by trained volunteers."}},
     "phase": ["destination"], "category": ["language"], "target_group": ["everyone", "women"],
     "partners": [("guichet", "implementing")],
     "fundings": [("bic", 120000, "CHF", date(2024, 9, 1), date(2026, 6, 30)),
                  ("Fondation Solidarité Lausanne (démo)", 40000, "CHF", date(2025, 1, 1), date(2025, 12, 31))],
     "results": [("output", "Cours donnés dans les quartiers", [
         ("Participants inscrits", "personnes", 0, 2024, 400, 260, date(2024, 9, 1), date(2026, 6, 30)),
         ("Places de garde d'enfants", "places", 0, 2024, 30, 24, date(2024, 9, 1), date(2026, 6, 30))]),
         ("outcome", "Autonomie en français", [
             ("Participants atteignant le niveau A2", "%", 20, 2024, 60, 45, date(2024, 9, 1), date(2026, 6, 30))])]},
    {"title": "Permanence juridique mobile dans le Nord vaudois", "lead": "droit", "territory": "ch/vaud/yverdon/",
     "status": "implementation", "start": date(2025, 1, 1), "end": date(2026, 12, 31), "budget": 95000,
     "currency": "CHF", "planned": 350, "actual": 120, "language": "fr",
     "description": "Une juriste et des étudiants de la clinique du droit tiennent une permanence mensuelle à Yverdon "
                    "et dans deux centres d'hébergement : permis, regroupement familial, asile.",
     "translations": {"en": {"title": "Mobile legal advice desk in northern Vaud"}},
     "phase": ["destination"], "category": ["legal"], "target_group": ["asylum-seekers", "refugees"],
     "partners": [("uni", "implementing")], "fundings": [("bic", 85000, "CHF", date(2025, 1, 1), date(2026, 12, 31))],
     "results": [("output", "Consultations juridiques", [
         ("Personnes conseillées", "personnes", 0, 2024, 350, 120, date(2025, 1, 1), date(2026, 12, 31))])]},
    {"title": "Santé des femmes migrantes – médiatrices interculturelles", "lead": "sante",
     "territory": "ch/vaud/lausanne/", "status": "implementation", "start": date(2024, 3, 1), "end": date(2026, 2, 28),
     "budget": 140000, "currency": "CHF", "planned": 600, "actual": 510, "language": "fr",
     "description": "Des médiatrices parlant tigrinya, arabe et dari accompagnent les femmes aux consultations de "
                    "santé sexuelle et reproductive et animent des ateliers d'information.",
     "translations": {"en": {"title": "Migrant women's health – intercultural mediators"},
                      "ar": {"title": "صحة النساء المهاجرات – وسيطات ثقافيات"}},
     "phase": ["destination"], "category": ["health", "interpretation"], "target_group": ["women"],
     "partners": [("erythreens", "implementing")],
     "fundings": [("Fondation romande pour la santé (démo)", 90000, "CHF", date(2024, 3, 1), date(2026, 2, 28)),
                  ("bic", 50000, "CHF", date(2024, 3, 1), date(2026, 2, 28))],
     "results": [("outcome", "Accès aux soins", [
         ("Femmes accompagnées à une consultation", "femmes", 0, 2023, 600, 510, date(2024, 3, 1),
          date(2026, 2, 28))])]},
    {"title": "Un toit d'abord – logement pour les réfugiés reconnus", "lead": "toit", "territory": "ch/vaud/lausanne/",
     "status": "implementation", "start": date(2025, 4, 1), "end": date(2027, 3, 31), "budget": 310000,
     "currency": "CHF", "planned": 60, "actual": 18, "language": "fr",
     "description": "Toit solidaire loue des appartements et les sous-loue à des réfugiés reconnus, avec un "
                    "accompagnement social jusqu'au bail à leur nom.",
     "translations": {"en": {"title": "Housing first for recognised refugees"}},
     "phase": ["destination"], "category": ["housing", "social-protection"], "target_group": ["refugees"],
     "partners": [("guichet", "funding")],
     "fundings": [("guichet", 210000, "CHF", date(2025, 4, 1), date(2027, 3, 31))],
     "results": [("output", "Ménages relogés", [
         ("Ménages avec un bail à leur nom", "ménages", 0, 2025, 60, 18, date(2025, 4, 1), date(2027, 3, 31))])]},
    {"title": "Lausanne–Pristina: return, reintegration and first businesses", "lead": "oim",
     "territory": "ch/vaud/", "partner": "xk/pristina/", "status": "implementation", "start": date(2024, 6, 1),
     "end": date(2026, 5, 31), "budget": 260000, "currency": "CHF", "planned": 120, "actual": 64, "language": "en",
     "description": "People returning from Vaud to Pristina receive counselling before departure, a reintegration plan "
                    "with the municipality's migration office on arrival, and coaching and a small grant for a "
                    "business. A local-to-local partnership between the canton and the municipality.",
     "translations": {"fr": {"title": "Lausanne–Pristina : retour, réintégration et premières entreprises"},
                      "sq": {"title": "Lozanë–Prishtinë: kthimi, riintegrimi dhe bizneset e para"}},
     "phase": ["return"], "category": ["reintegration", "business"], "target_group": ["returnees"],
     "partners": [("pristina-migration", "implementing"), ("federation", "implementing"), ("bic", "funding")],
     "fundings": [("bic", 200000, "CHF", date(2024, 6, 1), date(2026, 5, 31)),
                  ("pristina-migration", 25000, "EUR", date(2024, 6, 1), date(2026, 5, 31))],
     "results": [("output", "Returnees supported", [
         ("Returnees with a reintegration plan", "people", 0, 2023, 120, 64, date(2024, 6, 1), date(2026, 5, 31))]),
         ("outcome", "Businesses started", [
             ("Businesses still open after a year", "businesses", 0, 2023, 40, 17, date(2024, 6, 1),
              date(2026, 5, 31))])]},
    {"title": "Informim para nisjes dhe pas kthimit", "lead": "pristina-migration",
     "territory": "xk/pristina/", "partner": "ch/vaud/lausanne/", "status": "implementation",
     "start": date(2025, 2, 1), "end": date(2026, 1, 31), "budget": 48000, "currency": "EUR", "planned": 2000,
     "actual": 1350, "language": "sq",
     "description": "Sesione informimi në shkolla dhe qendra komunitare për migrimin e rregullt drejt Zvicrës, "
                    "rreziqet e migrimit të parregullt dhe shërbimet për të kthyerit.",
     "translations": {"en": {"title": "Information before departure and after return",
                             "description": "Information sessions in schools and community centres about regular "
                                            "migration to Switzerland, the risks of irregular migration and the "
                                            "services for returnees."},
                      "fr": {"title": "Informer avant le départ et après le retour"}},
     "phase": ["pre-decision", "pre-departure", "return"], "category": ["information"],
     "target_group": ["labour-migrants", "returnees"], "partners": [("guichet", "implementing")],
     "fundings": [("bic", 40000, "CHF", date(2025, 2, 1), date(2026, 1, 31))],
     "results": [("output", "Sesione informimi", [
         ("Pjesëmarrës në sesione", "persona", 0, 2024, 2000, 1350, date(2025, 2, 1), date(2026, 1, 31))])]},
    {"title": "Vaud–Dakar : épargne de la diaspora et projets productifs", "lead": "entreprendre",
     "territory": "ch/vaud/vevey/", "partner": "sn/dakar/", "status": "pipeline", "start": date(2026, 3, 1),
     "end": date(2028, 2, 29), "budget": 220000, "currency": "CHF", "planned": 80, "language": "fr",
     "description": "Former des membres de la diaspora sénégalaise de Vaud à monter un projet d'investissement "
                    "productif à Dakar, avec le bureau de la diaspora de la ville et une coopérative d'épargne.",
     "translations": {"en": {"title": "Vaud–Dakar: diaspora savings and productive projects"}},
     "phase": ["pre-decision", "return"], "category": ["business", "information"], "target_group": ["diaspora"],
     "partners": [("dakar-diaspora", "implementing")],
     "fundings": [("bic", 60000, "CHF", date(2026, 3, 1), date(2027, 2, 28))], "results": []},
    {"title": "Permanence retour au Portugal", "lead": "lusitanos", "territory": "ch/vaud/renens/", "status": "closed",
     "start": date(2022, 1, 1), "end": date(2024, 12, 31), "budget": 36000, "currency": "CHF", "planned": 300,
     "actual": 342, "language": "pt",
     "description": "Atendimento mensal sobre reforma, segurança social e regresso a Portugal para trabalhadores "
                    "portugueses de Renens.",
     "translations": {"fr": {"title": "Permanence retour au Portugal",
                             "description": "Permanence mensuelle sur la retraite, les assurances sociales et le "
                                            "retour au Portugal pour les travailleurs portugais de Renens."},
                      "en": {"title": "Advice desk on returning to Portugal"}},
     "phase": ["return"], "category": ["information", "social-protection"], "target_group": ["labour-migrants"],
     "partners": [("syndicat", "implementing")], "fundings": [("renens", 36000, "CHF", date(2022, 1, 1),
                                                               date(2024, 12, 31))],
     "results": [("output", "Atendimentos", [
         ("Pessoas atendidas", "pessoas", 0, 2021, 300, 342, date(2022, 1, 1), date(2024, 12, 31))])]},
]

CALL = {
    "title": "Appel à projets – intégration et cohésion sociale",
    "description": "Le canton soutient les projets d'associations et de communes qui facilitent l'apprentissage du "
                   "français, l'accès à l'emploi et la participation des personnes migrantes à la vie locale. "
                   "Montant par projet : jusqu'à CHF 80 000 sur deux ans.",
    "translations": {"en": {"title": "Call for projects – integration and social cohesion",
                            "description": "The canton supports projects of associations and municipalities that help "
                                           "migrants learn French, find work and take part in local life. Up to "
                                           "CHF 80,000 per project over two years."}},
    "budget": 400000, "phase": ["destination"], "category": ["language", "employment", "community"],
    "criteria": [("Pertinence pour les besoins du territoire", 3, 5), ("Faisabilité et budget réaliste", 2, 5),
                 ("Participation des personnes migrantes", 2, 5), ("Coût par bénéficiaire", 1, 5)],
}
PROPOSALS = [
    # organisation key, title, summary, amount, beneficiaries, submitted, reviewer scores
    ("erythreens", "Accueil des jeunes arrivants érythréens",
     "Un parrainage par des jeunes de la communauté installés depuis plus de cinq ans : rencontres hebdomadaires, "
     "aide aux devoirs et découverte des apprentissages.", 72000, 45, True, [5, 4, 5, 3]),
    ("langues", "Cafés-conversation intergénérationnels",
     "Des retraités bénévoles et des apprenants se retrouvent chaque semaine pour pratiquer le français autour d'un "
     "café, dans trois bibliothèques de Lausanne.", 38000, 120, False, None),
]


REFERENCE_YEAR = 2025


def _moved(day: date | None) -> date | None:
    """A date of the specs, in the same place relative to the year of loading as to 2025."""
    if day is None:
        return None
    year = day.year + timezone.localdate().year - REFERENCE_YEAR
    return day.replace(year=year, day=min(day.day, 28)) if (day.month, day.day) == (2, 29) else day.replace(year=year)


def _territories() -> dict[str, Territory]:
    for slug, parent, name, kind, country, latitude, longitude, translations, origin in TERRITORIES:
        Territory.objects.get_or_create(
            slug=slug, parent=Territory.objects.get(path=parent) if parent else None,
            defaults=dict(name=name, kind=kind, country_code=country, latitude=latitude, longitude=longitude,
                          name_translations=translations, is_origin=origin))
    return {territory.path: territory for territory in Territory.objects.all()}


def _organisations(territories) -> dict[str, Organisation]:
    found = {key: Organisation.objects.get(name=name) for key, name in DIRECTORY.items()}
    found["renens"] = Organisation.objects.get(name="Ville de Renens – Accueil des nouveaux habitants")
    for key, name, kind, path, language, description in ORGANISATIONS:
        found[key], _created = Organisation.objects.get_or_create(
            name=name, territory=territories[path],
            defaults=dict(kind=kind, content_language=language, description=description, verified_at=timezone.now()))
    return found


def _initiative(spec, territories, organisations, author) -> Initiative:
    lead = organisations[spec["lead"]]
    existing = Initiative.objects.filter(title=spec["title"], lead_organisation=lead).first()
    if existing is not None:
        return existing
    initiative = Initiative.objects.create(
        title=spec["title"], description=spec["description"], content_language=spec["language"],
        translations=spec["translations"], lead_organisation=lead, territory=territories[spec["territory"]],
        partner_territory=territories[spec["partner"]] if spec.get("partner") else None, status=spec["status"],
        start_date=_moved(spec["start"]), end_date=_moved(spec["end"]), budget=Decimal(spec["budget"]),
        currency=spec["currency"],
        planned_beneficiaries=spec.get("planned"), actual_beneficiaries=spec.get("actual"), created_by=author)
    initiatives.set_terms(initiative, {vocabulary: spec[vocabulary] for vocabulary in
                                       ("phase", "category", "target_group")})
    for key, role in spec["partners"]:
        InitiativePartner.objects.create(initiative=initiative, organisation=organisations[key], role=role)
    for donor, amount, currency, start, end in spec["fundings"]:
        Funding.objects.create(initiative=initiative, donor=organisations.get(donor),
                               donor_name="" if donor in organisations else donor, amount=Decimal(amount),
                               currency=currency, period_start=_moved(start), period_end=_moved(end))
    for kind, title, indicators in spec["results"]:
        result = Result.objects.create(initiative=initiative, kind=kind, title=title)
        for name, unit, baseline, year, target, actual, start, end in indicators:
            Indicator.objects.create(result=result, title=name, unit=unit, baseline=baseline,
                                     baseline_year=_moved(date(year, 1, 1)).year, target=target, actual=actual,
                                     period_start=_moved(start), period_end=_moved(end))
    return initiative


def _call(territories, organisations, author) -> Call:
    vaud = territories["ch/vaud/"]
    call = Call.objects.filter(territory=vaud, title=CALL["title"]).first()
    if call is not None:
        return call
    call = Call.objects.create(
        territory=vaud, title=CALL["title"], description=CALL["description"], content_language="fr",
        translations=CALL["translations"], budget=Decimal(CALL["budget"]), currency="CHF",
        deadline=timezone.now() + timedelta(days=30), status=Call.Status.DRAFT, created_by=author)
    initiatives.set_terms(call, {"phase": CALL["phase"], "category": CALL["category"]})
    criteria = [Criterion.objects.create(call=call, title=title, weight=weight, max_score=highest)
                for title, weight, highest in CALL["criteria"]]
    calls.open_call(call)
    if author is not None:
        call.reviewers.add(author)
    for key, title, summary, amount, beneficiaries, submitted, scores in PROPOSALS:
        proposal = Proposal.objects.create(
            call=call, organisation=organisations[key], title=title, summary=summary, content_language="fr",
            requested_amount=Decimal(amount), planned_beneficiaries=beneficiaries,
            start_date=_moved(date(2026, 9, 1)), end_date=_moved(date(2028, 8, 31)))
        initiatives.set_terms(proposal, {"phase": ["destination"], "category": ["community"]})
        if submitted:
            calls.submit(proposal, None)
        if scores and author is not None:
            calls.save_review(proposal, author, {c.pk: value for c, value in zip(criteria, scores)},
                              "Projet solide, porté par la communauté elle-même.")
    return call


@transaction.atomic
def load(stdout=None):
    author = get_user_model().objects.filter(username="vaud").first()
    territories = _territories()
    organisations = _organisations(territories)
    loaded = [_initiative(spec, territories, organisations, author) for spec in INITIATIVES]
    call = _call(territories, organisations, author)
    if stdout:
        stdout.write(f"Demo coordination: /en/coordination/initiatives/?territory=ch/vaud/ ({len(loaded)} "
                     "initiatives), "
                     f"/en/coordination/calls/{call.uuid}/ (an open call, reviewed by vaud).")
    return loaded, call
