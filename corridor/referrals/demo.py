"""Demo referrals in Lausanne, on top of the directory's demo (corridor/directory/demo.py): the one-stop shop
("accueil global", seed 002 on one-stop shops and migrant resource centres) refers newcomers to legal aid and to
French courses along the city's referral pathways, and the legal aid desk refers on. The people are pseudonyms
(references like GU-2025-014), never names; phone numbers use the reserved +41 21 000 range.

Accounts: guichet/guichet (caseworker of the one-stop shop), juriste/juriste (legal aid desk); lausanne-cso is
the language school's member (directory demo)."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from corridor.accounts.models import Membership
from corridor.directory.demo import demo_account
from corridor.directory.models import Organisation, Service
from corridor.territories.models import Territory

from . import sending, workflow
from .models import Pathway, PathwayStep, Referral, ReferralSettings

# need, note (fr), note translations, [(organisation name, service name)] in order
PATHWAYS = [
    ("information", "Premier accueil au guichet unique : entretien, puis orientation selon les besoins.",
     {"en": {"note": "First welcome at the one-stop shop: an interview, then referral according to needs."}},
     [("Guichet unique Migrations Lausanne", "Accueil et orientation des nouveaux arrivants"),
      ("Guichet unique Migrations Lausanne", "Ligne d'information multilingue")]),
    ("legal", "Permis, regroupement familial, asile : d'abord la permanence juridique.",
     {"en": {"note": "Permits, family reunification, asylum: the legal aid desk first."},
      "ar": {"note": "التصاريح ولم شمل الأسرة واللجوء: أولاً مكتب المساعدة القانونية."}},
     [("Permanence juridique Droit et Migrations", "Permanence juridique gratuite"),
      ("Syndicat interprofessionnel – permanence migrants", "Permanence droits au travail"),
      ("Université – Clinique du droit des étrangers", "Aide aux dossiers administratifs")]),
    ("language", "Cours de français : bas seuil d'abord, avec garderie.",
     {"en": {"note": "French courses: low-threshold first, with childcare."}},
     [("Association Langues pour tous", "Cours de français à bas seuil"),
      ("Langues pour tous (Lausanne)", "Cours de français bas seuil")]),
]

ACCOUNTS = [("guichet", "Guichet unique Migrations Lausanne"), ("juriste", "Permanence juridique Droit et Migrations")]


def _service(organisation, name):
    return Service.objects.select_related("organisation").get(organisation__name=organisation, name=name)


def _account(username, organisation):
    user = demo_account(username)
    Membership.objects.get_or_create(user=user, organisation=organisation)
    return user


def _send(user, sender, service, need, urgency, days_ago, fields, personal, others=()):
    consent = sending.ConsentGiven(language="fr", fields=fields, organisations=list(others))
    return sending.send(user=user, sender=sender, service=service, need=need, urgency=urgency, consent=consent,
                        personal=personal, now=timezone.now() - timedelta(days=days_ago))


def _step(referral, action, user, days_ago, **data):
    return workflow.perform(referral, action, user, now=timezone.now() - timedelta(days=days_ago), **data)


@transaction.atomic
def load(stdout=None):
    """Create the demo pathways, accounts and referrals that do not exist yet; running it again changes nothing."""
    lausanne = Territory.objects.get(path="ch/vaud/lausanne/")
    ReferralSettings.objects.get_or_create(territory=Territory.objects.get(path="ch/vaud/"),
                                           defaults={"retention_days": 365})
    for need, note, translations, steps in PATHWAYS:
        pathway, created = Pathway.objects.get_or_create(
            territory=lausanne, category=need, target_group="",
            defaults={"note": note, "content_language": "fr", "translations": translations})
        if created:
            for position, (organisation, name) in enumerate(steps, start=1):
                PathwayStep.objects.create(pathway=pathway, service=_service(organisation, name), position=position)
    guichet_org = Organisation.objects.get(name=ACCOUNTS[0][1])
    legal_org = Organisation.objects.get(name=ACCOUNTS[1][1])
    guichet, juriste = _account("guichet", guichet_org), _account("juriste", legal_org)
    if not Referral.objects.filter(sender__in=[guichet_org, legal_org]).exists():
        _referrals(guichet, juriste, guichet_org, legal_org)
    if stdout:
        stdout.write(f"Referrals: {Pathway.objects.count()} pathways, {Referral.objects.count()} referrals. "
                     "Accounts: guichet/guichet (one-stop shop), juriste/juriste (legal aid).")


def _referrals(guichet, juriste, guichet_org, legal_org):
    legal = _service(legal_org.name, "Permanence juridique gratuite")
    workers = _service("Syndicat interprofessionnel – permanence migrants", "Permanence droits au travail")
    french = _service("Association Langues pour tous", "Cours de français à bas seuil")
    shelter = _service("Toit solidaire", "Hébergement d'urgence")

    # Legal aid after a separation: accepted, appointment set.
    permit = _send(guichet, guichet_org, legal, "legal", "high", 6, ["phone", "languages"], {
        "reference": "GU-2025-014", "contact_preference": "phone", "phone": "+41 21 000 31 14",
        "languages": ["ti", "ar"], "reason": "Renouvellement du permis B après une séparation ; interprète tigrinya "
                                             "souhaité."})
    _step(permit, "accept", juriste, 5)
    _step(permit, "set_appointment", juriste, 5, appointment_at=timezone.now() + timedelta(days=2),
          note="Mercredi à 14 h, avec interprète.")

    # French course: delivered and closed.
    course = _send(guichet, guichet_org, french, "language", "normal", 40, ["languages"], {
        "reference": "GU-2025-009", "contact_preference": "sender", "languages": ["es"],
        "reason": "Débutante, cherche un cours du matin avec garderie."})
    _step(course, "accept", _member_of(french.organisation), 38)
    _step(course, "deliver", _member_of(french.organisation), 20)
    _step(course, "close", guichet, 19)

    # French course, still waiting for an answer beyond the reminder delay.
    _send(guichet, guichet_org, french, "language", "normal", 9, [], {
        "reference": "GU-2025-021", "contact_preference": "visit", "reason": "Souhaite un cours du soir."})

    # Unpaid wages: the legal aid desk forwards to the trade union, which the consent names.
    wages = _send(guichet, guichet_org, legal, "legal", "normal", 12, ["phone"], {
        "reference": "GU-2025-017", "contact_preference": "text", "phone": "+41 21 000 47 02",
        "reason": "Salaires impayés depuis deux mois dans la restauration."}, others=[workers.organisation])
    _step(wages, "forward", juriste, 11, service=workers, note="Relève du droit du travail.")

    # Emergency shelter (no pathway: the directory's services were offered): declined, no capacity.
    night = _send(guichet, guichet_org, shelter, "housing", "urgent", 3, [], {
        "reference": "GU-2025-022", "contact_preference": "sender", "reason": "Famille de quatre personnes sans "
                                                                              "solution pour la nuit."})
    _step(night, "decline", _member_of(shelter.organisation), 3, reason="no-capacity")

    # The legal aid desk refers on to French courses.
    _send(juriste, legal_org, french, "language", "normal", 2, [], {
        "reference": "DM-0412", "contact_preference": "sender", "reason": "Niveau A2 exigé pour le permis C."})


def _member_of(organisation):
    """A member acting for an organisation of the directory demo (made up when it has none)."""
    membership = Membership.objects.filter(organisation=organisation).select_related("user").first()
    if membership is not None:
        return membership.user
    slug = organisation.email.split("@")[-1].split(".")[0] if organisation.email else f"org-{organisation.pk}"
    return _account(f"demo-{slug}"[:150], organisation)
