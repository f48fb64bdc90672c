"""Demo crisis preparedness for the Vaud demo: the Eritrean community association of Lausanne keeps an
emergency contact register (fictional people with pseudonymous names, numbers in the reserved
+41 79 000 range), focal points in four Lausanne neighbourhoods, a contingency plan, and a past incident
(a flood of the Louve in Bellevaux) with its answers. Lausanne's page lists the Swiss emergency numbers
(real, public) and local contacts (fictional, marked "démo"). The association's coordinator signs in as
eritrea-coord/eritrea-coord; the platform and Vaud administrators cannot see the register. Loading it
again changes nothing."""
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from corridor.accounts.models import Membership
from corridor.directory.demo import demo_account
from corridor.directory.models import Organisation
from corridor.territories.models import Territory

from . import contacts, registration
from .models import (
    CheckIn,
    ContactRegister,
    ContingencyPlan,
    EmergencyContact,
    FocalPoint,
    Incident,
    Locality,
    PlanTask,
)

NATIONAL_CONTACTS = [
    # kind, name, number, hours, translations of the name
    ("emergency", "Numéro d'urgence européen", "112", "24/7",
     {"en": "European emergency number", "es": "Número de emergencia europeo", "ar": "رقم الطوارئ الأوروبي"}),
    ("police", "Police", "117", "24/7", {"ar": "الشرطة", "es": "Policía"}),
    ("fire", "Pompiers", "118", "24/7", {"en": "Fire brigade", "es": "Bomberos", "ar": "الإطفاء"}),
    ("ambulance", "Ambulance", "144", "24/7", {"es": "Ambulancia", "ar": "الإسعاف"}),
    ("poison", "Tox Info Suisse (intoxications)", "145", "24/7",
     {"en": "Tox Info Suisse (poisoning)", "es": "Tox Info Suisse (intoxicaciones)", "ar": "مركز السموم السويسري"}),
    ("helpline", "La Main Tendue (écoute)", "143", "24/7",
     {"en": "La Main Tendue (someone to talk to)", "es": "La Main Tendue (escucha)", "ar": "خط الاستماع والدعم"}),
]
LOCAL_CONTACTS = [
    ("authority", "Ville de Lausanne – cellule de crise, information à la population (démo)", "+41 21 000 70 70",
     "", "Lu–ve 8h–18h ; 24/7 en cas de crise", ["fr", "en"],
     {"en": "City of Lausanne – crisis unit, information for residents (demo)",
      "ar": "مدينة لوزان – خلية الأزمات، معلومات للسكان (تجريبي)"}),
    ("helpline", "Permanence sociale de nuit (démo)", "+41 21 000 71 71", "", "20h–8h", ["fr", "ar", "ti"],
     {"en": "Night social helpline (demo)", "ar": "خط الدعم الاجتماعي الليلي (تجريبي)"}),
    ("consulate", "Consulat d'Érythrée (démo)", "+41 22 000 40 40", "ER", "Lu–ve 9h–12h", ["ti", "ar", "en"],
     {"en": "Consulate of Eritrea (demo)", "ar": "قنصلية إريتريا (تجريبي)"}),
]
NEIGHBOURHOODS = ["Bellevaux", "Prélaz-Valency", "Sévelin", "Boveresses"]
CONSENT = {
    "fr": "J'accepte que la Communauté érythréenne du canton de Vaud garde mon nom, mon numéro, mon quartier, "
          "mes langues et la taille de mon ménage pour me contacter en cas d'urgence (inondation, incendie, "
          "épidémie…) et me demander si je vais bien. Seuls les membres de l'association voient ces informations ; "
          "elles ne sont transmises à personne, ni aux autorités. Je peux les voir, les corriger ou les effacer à "
          "tout moment avec mon lien personnel.",
    "en": "I agree that the Eritrean community of the canton of Vaud keeps my name, number, neighbourhood, "
          "languages and household size to contact me in an emergency (flood, fire, epidemic…) and ask whether I "
          "am safe. Only the association's members see this information; it is given to nobody, not to the "
          "authorities either. I can see, correct or delete it at any time with my personal link.",
    "ar": "أوافق على أن تحتفظ الجالية الإريترية في كانتون فو باسمي ورقم هاتفي وحيّي ولغاتي وعدد أفراد أسرتي "
          "للاتصال بي في حالة الطوارئ (فيضان، حريق، وباء…) والسؤال عن سلامتي. لا يطّلع على هذه المعلومات إلا "
          "أعضاء الجمعية، ولا تُعطى لأحد، ولا للسلطات. يمكنني الاطلاع عليها أو تصحيحها أو حذفها في أي وقت "
          "عبر رابطي الشخصي.",
}
PEOPLE = [
    # name, phone, neighbourhood, household, languages, needs
    ("Selam T.", "+41 79 000 11 01", "Bellevaux", 4, ["ti", "fr"], ""),
    ("Yonas G.", "+41 79 000 11 02", "Bellevaux", 1, ["ti", "ar"], ""),
    ("Mehret A.", "+41 79 000 11 03", "Bellevaux", 3, ["ti", "en"], "Bébé de 3 mois"),
    ("Dawit H.", "+41 79 000 11 04", "Bellevaux", 2, ["ar", "ti"], "Mobilité réduite, 3e étage sans ascenseur"),
    ("Saba K.", "+41 79 000 11 05", "Prélaz-Valency", 5, ["ti", "fr"], ""),
    ("Feven M.", "+41 79 000 11 06", "Prélaz-Valency", 1, ["ti"], ""),
    ("Tesfay B.", "+41 79 000 11 07", "Prélaz-Valency", 2, ["ar", "fr"], ""),
    ("Rahel W.", "+41 79 000 11 08", "Sévelin", 3, ["ti", "fr"], ""),
    ("Amanuel F.", "+41 79 000 11 09", "Sévelin", 1, ["en", "ti"], ""),
    ("Hiwet S.", "+41 79 000 11 10", "Boveresses", 6, ["ti", "ar"], "Insuline au frigo"),
]
# The past incident: who was asked and what they answered (None: no answer), by whom.
PAST_ANSWERS = {"Selam T.": ("safe", None), "Yonas G.": ("safe", None), "Mehret A.": ("safe", "staff"),
                "Dawit H.": ("needs-help", "staff"), "Saba K.": ("safe", None), "Feven M.": (None, None),
                "Tesfay B.": ("safe", None)}
PLAN_TASKS = [
    ("before", "Tenir la liste de contacts à jour : rappel annuel à chaque personne inscrite", "Coordinatrice", "done"),
    ("before", "Traduire le message de vérification en tigrinya et en arabe", "Équipe de traduction", "done"),
    ("before", "Imprimer la liste des numéros d'urgence en tigrinya pour le local", "Point focal de quartier", "doing"),
    ("during", "Ouvrir l'incident et envoyer la vérification aux quartiers touchés", "Coordinatrice", "todo"),
    ("during", "Appeler les personnes sans réponse après deux heures", "Points focaux", "todo"),
    ("during", "Transmettre les besoins urgents aux services (sans la liste)", "Présidente", "todo"),
    ("after", "Rappeler chaque personne qui a eu besoin d'aide", "Points focaux", "todo"),
    ("after", "Bilan avec la Ville : ce qui a manqué, traductions à revoir", "Comité", "todo"),
]


def load(stdout=None):
    with transaction.atomic():
        _emergency_contacts()
        organisation = Organisation.objects.filter(name="Communauté érythréenne du canton de Vaud").first()
        if organisation is None:
            return
        coordinator = _coordinator(organisation)
        localities = {name: Locality.objects.get_or_create(organisation=organisation,
                                                           territory=organisation.territory, name=name)[0]
                      for name in NEIGHBOURHOODS}
        _focal_points(organisation, localities)
        _plan(organisation)
        register = _register(organisation, coordinator)
        entries = _entries(register, localities, coordinator)
        _past_incident(register, localities, entries, coordinator)
    if stdout:
        stdout.write(f"Preparedness: {register.entries.count()} people in the demo register; "
                     "coordinator account eritrea-coord/eritrea-coord.")


def _emergency_contacts():
    switzerland = Territory.objects.filter(slug="ch", parent=None).first()
    lausanne = Territory.objects.filter(slug="lausanne").first()
    if switzerland is None or lausanne is None:
        return
    for order, (kind, name, number, hours, names) in enumerate(NATIONAL_CONTACTS):
        EmergencyContact.objects.get_or_create(
            territory=switzerland, number=number,
            defaults=dict(kind=kind, name=name, hours=hours, content_language="fr",
                          languages=["fr", "de", "it", "en"], translations={c: {"name": n} for c, n in names.items()}))
    for kind, name, number, country, hours, languages, names in LOCAL_CONTACTS:
        EmergencyContact.objects.get_or_create(
            territory=lausanne, number=number,
            defaults=dict(kind=kind, name=name, country_code=country, hours=hours, languages=languages,
                          content_language="fr", translations={c: {"name": n} for c, n in names.items()}))


def _coordinator(organisation):
    user = demo_account("eritrea-coord", "coord@ass-eritreenne.example.org")
    Membership.objects.get_or_create(user=user, organisation=organisation)
    return user


def _focal_points(organisation, localities):
    for name, role, locality, phone, languages, visibility in [
        ("Almaz Tekle", "Point focal de quartier", "Bellevaux", "+41 79 000 22 01", ["ti", "fr", "ar"], "public"),
        ("Kidane Berhe", "Point focal de quartier", "Prélaz-Valency", "+41 79 000 22 02", ["ti", "fr"], "organisation"),
    ]:
        FocalPoint.objects.get_or_create(
            organisation=organisation, name=name,
            defaults=dict(role=role, locality=localities[locality], phone=phone, languages=languages,
                          visibility=visibility, agreed_on=date(2026, 3, 14)))


def _plan(organisation):
    plan, created = ContingencyPlan.objects.get_or_create(
        organisation=organisation, title="Plan de crise de la communauté",
        defaults=dict(content_language="fr", is_public=True,
                      scope="Inondations de la Louve et du Flon, canicule, incendie d'immeuble, épidémie.",
                      translations={"en": {"title": "Community crisis plan",
                                           "scope": "Floods of the Louve and the Flon, heatwave, building fire, "
                                                    "epidemic."}}))
    if created:
        PlanTask.objects.bulk_create(PlanTask(plan=plan, stage=stage, task=task, owner_role=owner, status=status,
                                              order=order) for order, (stage, task, owner, status)
                                     in enumerate(PLAN_TASKS))


def _register(organisation, coordinator):
    register = ContactRegister.objects.filter(organisation=organisation).first()
    if register is None:
        register = registration.create_register(
            organisation, coordinator, name="Liste de contacts d'urgence", content_language="fr",
            languages=["fr", "ti", "ar", "en"], consent_text=CONSENT["fr"],
            description="En cas d'inondation, d'incendie ou d'épidémie, nous vous appelons ou vous écrivons pour "
                        "savoir si vous allez bien, dans votre langue.",
            translations={"en": {"name": "Emergency contact list",
                                 "description": "In a flood, a fire or an epidemic we call or write to you, in your "
                                                "language, to know whether you are safe."},
                          "ar": {"name": "قائمة الاتصال في حالات الطوارئ",
                                 "description": "في حالة فيضان أو حريق أو وباء نتصل بك أو نكتب إليك بلغتك لنطمئن "
                                                "على سلامتك."}},
            consent_translations={"en": {"text": CONSENT["en"]}, "ar": {"text": CONSENT["ar"]}})
    return register


def _entries(register, localities, coordinator):
    entries = {}
    for name, phone, place, household, languages, needs in PEOPLE:
        index = contacts.contact_index(contacts.normalise("sms", phone, "CH"))
        entry = register.entries.filter(contact_index=index).first()
        if entry is None:
            entry = registration.register_in_person(register, registration.Person(
                name=name, channel="sms", contact=phone, locality=localities[place], household_size=household,
                languages=languages, needs=needs), coordinator)
        entries[name] = entry
    return entries


def _past_incident(register, localities, entries, coordinator):
    if register.incidents.filter(title="Crue de la Louve à Bellevaux et Prélaz").exists():
        return
    opened = timezone.now() - timedelta(days=40)
    incident = Incident.objects.create(
        register=register, kind=Incident.Kind.FLOOD, title="Crue de la Louve à Bellevaux et Prélaz",
        description="Orages violents, caves et rez-de-chaussée inondés le long de la Louve.",
        message="Communauté érythréenne : inondations à Bellevaux et Prélaz. Allez-vous bien ?",
        content_language="fr", translations={"en": {"message": "Eritrean community: floods in Bellevaux and "
                                                               "Prélaz. Are you safe?"},
                                             "ar": {"message": "الجالية الإريترية: فيضانات في بيلفو وبريلاز. "
                                                               "هل أنت بخير؟"}},
        status=Incident.Status.CLOSED, opened_at=opened, opened_by=coordinator, closed_at=opened + timedelta(days=2))
    incident.localities.set([localities["Bellevaux"], localities["Prélaz-Valency"]])
    for name, (answer, via) in PAST_ANSWERS.items():
        entry = entries[name]
        CheckIn.objects.create(
            incident=incident, entry=entry, locality=entry.locality, delivery=CheckIn.Delivery.SENT, attempts=1,
            sent_at=opened + timedelta(minutes=5), answer=answer or CheckIn.Answer.NO_ANSWER,
            answered_at=opened + timedelta(hours=1) if answer else None,
            answered_via=("staff" if via else "link") if answer else "", answered_by=coordinator if via else None,
            note="Cave inondée, relogé chez sa sœur ; rappel le lendemain" if answer == "needs-help" else "")
