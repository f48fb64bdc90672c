"""Demo needs of the canton of Vaud, as its administrators would record them from the migration profile of
Lausanne, the demo e-discussion and a needs assessment. Against the directory's demo services they fall in
every rank of the gap view: not covered, covered only by entries not verified for a year, only by general
offers, and covered. Fictional; loading them again changes nothing."""
from django.contrib.auth import get_user_model
from django.db import transaction

from corridor.territories.models import Territory

from .models import Need

PROFILE = "Profil migratoire de Lausanne 2024"
CONSULTATION = "E-discussion « Approche territoriale de la migration et du développement »"
ASSESSMENT = "Diagnostic des besoins du programme cantonal d'intégration 2025"

# territory path, title (fr), description (fr), phase, category, group, severity, source, reference, English
NEEDS = [
    ("ch/vaud/", "Reconnaissance des diplômes des réfugiés",
     "Des réfugiés qualifiés travaillent loin de leur métier faute de procédure de reconnaissance accompagnée.",
     "destination", "employment", "refugees", Need.Severity.HIGH, Need.Source.CONSULTATION, CONSULTATION,
     ("Recognition of refugees' qualifications",
      "Qualified refugees work far from their trade for lack of an accompanied recognition procedure.")),
    ("ch/vaud/renens/", "Cours de français pour les femmes à Renens",
     "Les mères de jeunes enfants ne peuvent pas se rendre aux cours de Lausanne.",
     "destination", "language", "women", Need.Severity.MEDIUM, Need.Source.ASSESSMENT, ASSESSMENT,
     ("French courses for women in Renens", "Mothers of young children cannot attend the courses in Lausanne.")),
    ("ch/vaud/lausanne/", "Hébergement des mineurs non accompagnés",
     "Les places d'accueil adaptées aux mineurs non accompagnés sont saturées ; des jeunes dorment en foyer adulte.",
     "destination", "housing", "unaccompanied-minors", Need.Severity.CRITICAL, Need.Source.PROFILE, PROFILE,
     ("Shelter for unaccompanied minors",
      "Places suited to unaccompanied minors are full; young people sleep in adult shelters.")),
    ("ch/vaud/lausanne/", "Soins de santé pour les requérants d'asile",
     "Accès aux soins de base et à l'assurance maladie pendant la procédure d'asile.",
     "destination", "health", "asylum-seekers", Need.Severity.HIGH, Need.Source.PROFILE, PROFILE,
     ("Health care for asylum seekers", "Access to basic care and health insurance during the asylum procedure.")),
    ("ch/vaud/lausanne/", "Conseil juridique pour les réfugiés",
     "Permis, regroupement familial et naturalisation : les permanences sont très demandées.",
     "destination", "legal", "refugees", Need.Severity.MEDIUM, Need.Source.CONSULTATION, CONSULTATION,
     ("Legal advice for refugees",
      "Permits, family reunification and naturalisation: the advice desks are in demand.")),
    ("ch/vaud/", "Information sur le retour pour les personnes âgées",
     "Des travailleurs migrants proches de la retraite veulent connaître leurs droits en cas de retour.",
     "return", "information", "returnees", Need.Severity.LOW, Need.Source.ASSESSMENT, ASSESSMENT,
     ("Information on return for older people",
      "Migrant workers close to retirement want to know their rights if they go back.")),
]


@transaction.atomic
def load(stdout=None):
    """Needs the directory's demo (its territories and the vaud account) to be loaded first."""
    author = get_user_model().objects.filter(username="vaud").first()
    territories = {t.path: t for t in Territory.objects.filter(path__in={row[0] for row in NEEDS})}
    for path, title, description, phase, category, group, severity, source, reference, english in NEEDS:
        Need.objects.get_or_create(territory=territories[path], title=title, defaults=dict(
            description=description, content_language="fr", phase=phase, category=category, target_group=group,
            severity=severity, source=source, source_reference=reference, recorded_by=author,
            translations={"en": {"title": english[0], "description": english[1]}}))
    if stdout:
        stdout.write(f"Demo needs: /en/coordination/gaps/?territory=ch/vaud/ ({len(NEEDS)} needs of Vaud).")
