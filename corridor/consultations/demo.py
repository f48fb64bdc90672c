"""Demo consultation in the spirit of the 2013 M4D e-discussion (seed 001): a two-week e-discussion on a
territorial approach to migration and development, organised by the canton of Vaud, with contributions
in English, French and Spanish, one of them anonymous, one a reply and one waiting for moderation.
People, organisations and facts are fictional. Contributions come in through intake.receive, so that
their language is detected and they are split into answers like any other; loading it again changes
nothing."""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from corridor.directory.models import Organisation
from corridor.territories.models import Territory

from . import intake
from .models import Consultation, Contribution, Question, Round

SLUG = "territorial-approach"

TITLE = {
    "en": "Promoting a territorial approach to migration and development",
    "fr": "Promouvoir une approche territoriale de la migration et du développement",
    "es": "Promover un enfoque territorial de la migración y el desarrollo",
}
DESCRIPTION = {
    "en": "Local and regional authorities are the first to meet the changes that migration brings, yet migration "
          "and development policies are mostly framed nationally. For two weeks, we invite authorities, civil "
          "society, migrant associations and researchers to share what works in their territory: frameworks, "
          "coordination, practices and the obstacles met. Answer one question or several, in English, French or "
          "Spanish. A consolidated report will gather all contributions at the end.",
    "fr": "Les autorités locales et régionales sont les premières à vivre les changements qu'apporte la migration, "
          "alors que les politiques de migration et de développement se décident surtout au niveau national. "
          "Pendant deux semaines, autorités, société civile, associations de migrants et chercheurs partagent ce "
          "qui marche sur leur territoire. Un rapport de synthèse réunira toutes les contributions.",
    "es": "Las autoridades locales y regionales son las primeras en vivir los cambios que trae la migración, aunque "
          "las políticas de migración y desarrollo se deciden sobre todo a nivel nacional. Durante dos semanas, "
          "autoridades, sociedad civil, asociaciones de migrantes e investigadores comparten lo que funciona en su "
          "territorio. Un informe consolidado reunirá todas las contribuciones.",
}
# week, number, {language: text}
QUESTIONS = [
    (1, 1, {"en": "How can local and regional authorities, in places of origin and of destination, make better use "
                  "of decentralised cooperation to work on migration and development?",
            "fr": "Comment les autorités locales et régionales, dans les lieux d'origine et de destination, peuvent-"
                  "elles mieux utiliser la coopération décentralisée pour agir sur la migration et le développement ?",
            "es": "¿Cómo pueden las autoridades locales y regionales, en origen y en destino, aprovechar mejor la "
                  "cooperación descentralizada para trabajar sobre migración y desarrollo?"}),
    (1, 2, {"en": "Which coordination mechanisms exist, or are needed, so that local initiatives are aligned with "
                  "national strategies?",
            "fr": "Quels mécanismes de coordination existent, ou manquent, pour que les initiatives locales soient "
                  "alignées sur les stratégies nationales ?",
            "es": "¿Qué mecanismos de coordinación existen, o hacen falta, para que las iniciativas locales se "
                  "alineen con las estrategias nacionales?"}),
    (1, 3, {"en": "Do you know examples where migration was included in territorial development planning? What made "
                  "it possible, and what were the challenges?",
            "fr": "Connaissez-vous des exemples où la migration a été intégrée à la planification du développement "
                  "territorial ? Qu'est-ce qui l'a permis, et quelles difficultés ?",
            "es": "¿Conoce ejemplos en los que la migración se incluyó en la planificación del desarrollo "
                  "territorial? ¿Qué lo hizo posible y cuáles fueron los retos?"}),
    (2, 4, {"en": "Can you share practices of local authorities that support the integration and social inclusion of "
                  "migrants and link it with co-development projects?",
            "fr": "Pouvez-vous partager des pratiques d'autorités locales qui favorisent l'intégration et l'inclusion "
                  "sociale des migrants et les relient à des projets de codéveloppement ?",
            "es": "¿Puede compartir prácticas de autoridades locales que apoyen la integración y la inclusión social "
                  "de los migrantes y las vinculen con proyectos de codesarrollo?"}),
    (2, 5, {"en": "How can migrants and diaspora associations become active players in local governance, and what "
                  "can civil society do to make their needs and potential known?",
            "fr": "Comment les migrants et les associations de la diaspora peuvent-ils devenir des acteurs de la "
                  "gouvernance locale, et que peut faire la société civile pour faire connaître leurs besoins et "
                  "leur potentiel ?",
            "es": "¿Cómo pueden los migrantes y las asociaciones de la diáspora convertirse en actores de la "
                  "gobernanza local, y qué puede hacer la sociedad civil para dar a conocer sus necesidades y su "
                  "potencial?"}),
]
WEEKS = {1: {"en": "Week 1", "fr": "Semaine 1", "es": "Semana 1"}, 2: {"en": "Week 2", "fr": "Semaine 2",
                                                                       "es": "Semana 2"}}

# key, days after opening, author name, organisation, kind, country, chosen questions, reply to (key), body.
# "member" contributions are written by the demo member account, for its organisation.
CONTRIBUTIONS = [
    ("paredes", 1, "Lucía Paredes", "Red de Migración y Desarrollo del Austro (demo)", "migrant-association", "EC",
     [], None,
     "Pregunta 1: Los municipios del sur de Ecuador ya firman convenios con ciudades de España e Italia, pero casi "
     "nunca invitan a las asociaciones de migrantes a negociarlos. Proponemos que cada convenio de cooperación "
     "descentralizada tenga, desde el inicio, una mesa con representantes de la diáspora.\n\n"
     "Pregunta 3: En nuestro cantón, el plan de desarrollo trata la migración como un eje transversal: salud, "
     "educación y vialidad tienen metas para las familias con parientes en el exterior. Funcionó porque el "
     "municipio levantó primero sus propios datos sobre cuántos hogares reciben remesas."),
    ("benali", 1, "Youssef Benali", "Agence régionale de développement (démo)", "local-authority", "MA", [], None,
     "Question 1 : Dans notre région du nord du Maroc, les partenariats entre nos communes et des villes "
     "européennes existent depuis longtemps, mais la migration y reste un sujet à part. Ce qui manque le plus, "
     "c'est l'intermédiation : quelqu'un qui connaît à la fois les associations de migrants, les élus et les "
     "bailleurs, et qui aide à monter les projets. Ce travail n'est presque jamais financé.\n\n"
     "Question 2 : Un comité régional réunissant les services de l'État, la région et les associations "
     "permettrait d'aligner les projets sur la stratégie nationale sans attendre que tout vienne de la capitale."),
    ("ferri", 2, "Giulia Ferri", "Municipality of Ravenna, International Cooperation Office (demo)",
     "local-authority", "IT", [], None,
     "Question 1: Our city has launched three calls for co-development projects since 2008. The projects that "
     "lasted were those where we supported something a diaspora association was already doing with an NGO, rather "
     "than projects designed from scratch at the town hall.\n\n"
     "Question 3: A recurring obstacle is that integration and development cooperation sit in different "
     "departments, with separate budgets and calendars. We now hold one joint planning meeting a year between the "
     "two offices, and invite the main migrant associations to it."),
    ("diop", 3, "Awa Diop", "Conseil départemental (démo)", "local-authority", "SN", [2], None,
     "Au Sénégal, un ministère s'occupe des Sénégalais de l'extérieur, mais il n'a pas de lien formel avec les "
     "collectivités territoriales. Les cadres de concertation locaux, qui réunissent élus, services de l'État et "
     "organisations communautaires, pourraient accueillir un point permanent « migration et développement ». Ce "
     "serait un moyen simple de faire remonter les initiatives locales vers la stratégie nationale."),
    ("okafor", 4, "Daniel Okafor", "Centre for Migration Research (demo)", "academia", "GB", [], None,
     "Question 3: In the mapping we carried out for a network of cities, few local development plans mention "
     "migration at all, and when they do it is only through remittances. Two things helped where it worked: "
     "national planning guidelines asking municipalities to describe their emigrant and immigrant populations, "
     "and a small budget line for a local officer to follow the topic. Local authorities often believe they have "
     "no mandate on migration; they do have one on local development, which is enough."),
    ("gimenez", 5, "Marta Giménez", "Gobierno regional, Servicio de Cooperación (demo)", "local-authority", "ES", [3],
     "okafor",
     "Coincido con Daniel: la competencia en desarrollo local basta para actuar. En nuestra región, los "
     "departamentos de agricultura y de turismo colaboraron en proyectos de codesarrollo, con cursos de formación "
     "para inmigrantes y visitas a sus localidades de origen. La clave fue coordinar el servicio de inmigración y "
     "el de cooperación, que antes trabajaban por separado."),
    ("member", 8, "", "", "", "CH", [4], None,
     "Question 4 : À Lausanne, nos cours de français à bas seuil sont aussi un lieu où les participantes parlent "
     "de leurs projets au pays. Avec la Fédération des associations de migrants, nous en avons orienté plusieurs "
     "vers le programme cantonal qui cofinance des projets de codéveloppement. L'intégration ici et l'engagement "
     "là-bas se renforcent : ce sont les personnes les mieux installées qui ont le temps et les réseaux pour "
     "porter un projet."),
    ("santos", 8, "Maria Santos", "Overseas Workers Resource Centre (demo)", "cso", "PH", [], None,
     "Question 4: In our province, the local government opened a one-stop resource centre for migrants and the "
     "families they leave behind: information before departure, financial literacy sessions, and referrals when "
     "someone comes back. It is run with our NGO, and followed by a migration and development committee of the "
     "regional development council. More at https://example.org/resource-centre\n\n"
     "Question 5: Most migrants are not organised, so local authorities do not see them. Training migrant "
     "leaders as trainers, in the destination country and at home, has been our best way to reach more families."),
    ("anonymous", 9, "Karim", "Association de quartier (démo)", "migrant-association", "CH", [], None,
     "Question 5 : Dans notre ville, il y a beaucoup de petites associations de migrants, souvent d'une seule "
     "nationalité, qui ne se connaissent pas entre elles. Pour les autorités, difficile de savoir à qui parler. "
     "Une fédération qui les regroupe devient un interlocuteur unique et peut demander une place dans les "
     "commissions consultatives. Mais il faut aussi que la commune accepte de partager les décisions, pas "
     "seulement de consulter."),
    ("lema", 10, "Patricia Lema", "Asociación de Migrantes Retornados (demo)", "migrant-association", "EC", [], None,
     "Pregunta 5: Las personas que regresan al país tienen mucho que aportar a la gobernanza local, pero nadie les "
     "pregunta. Proponemos que los municipios con más emigración abran una ventanilla para los retornados y los "
     "inviten a los presupuestos participativos."),
]
PENDING = {"lema"}  # left in the moderation queue
ANONYMOUS = {"anonymous"}


@transaction.atomic
def load(stdout=None):
    """Needs the directory's demo (canton of Vaud, its accounts) to be loaded first."""
    User = get_user_model()
    organiser, member = User.objects.get(username="vaud"), User.objects.get(username="lausanne-cso")
    consultation = _consultation(organiser)
    organisation = member.memberships.select_related("organisation").first().organisation
    received = {}
    for index, (key, day, name, organisation_name, kind, country, questions, reply_to, body) in \
            enumerate(CONTRIBUTIONS):
        submission = intake.Submission(
            consultation=consultation, body=body, author_name=name, organisation_name=organisation_name,
            organisation_kind=kind, country_code=country, is_anonymous=key in ANONYMOUS,
            question_numbers=questions, reply_to=received.get(reply_to), channel=Contribution.Channel.WEB,
            submitted_at=consultation.opens_at + timedelta(days=day, hours=index))
        if key == "member":
            submission.author, submission.organisation = member, organisation
        # Trusted like an archive: accepted even after the consultation has closed, published (but one)
        # without moderation, so that loading the demo e-mails nobody.
        received[key] = intake.receive(submission, accept_closed=True, status=(
            Contribution.Status.PENDING if key in PENDING else Contribution.Status.PUBLISHED)).contribution
    if stdout:
        stdout.write(f"Demo consultation: /en/consultations/{SLUG}/ ({consultation.contributions.count()} "
                     "contributions, organised by vaud/vaud).")
    return consultation


def _consultation(organiser) -> Consultation:
    opens_at = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(days=10)
    consultation, created = Consultation.objects.get_or_create(slug=SLUG, defaults=dict(
        title=TITLE["en"], description=DESCRIPTION["en"], content_language="en",
        translations={code: {"title": TITLE[code], "description": DESCRIPTION[code]} for code in ("fr", "es")},
        kind=Consultation.Kind.E_DISCUSSION, status=Consultation.Status.OPEN,
        visibility=Consultation.Visibility.PUBLIC, languages=["en", "fr", "es"],
        territory=Territory.objects.get(path="ch/vaud/"), opens_at=opens_at, closes_at=opens_at + timedelta(days=24),
        premoderation=True, allow_anonymous=True, created_by=organiser))
    if not created:
        return consultation
    consultation.organisers.add(organiser)
    consultation.organising_organisations.add(
        *Organisation.objects.filter(name="Bureau cantonal pour l'intégration (démo)"))
    for week, titles in WEEKS.items():
        round_ = Round.objects.create(
            consultation=consultation, number=week, title=titles["en"], content_language="en",
            translations={code: {"title": titles[code]} for code in ("fr", "es")},
            starts_at=opens_at + timedelta(weeks=week - 1), ends_at=opens_at + timedelta(weeks=week))
        for question_week, number, texts in QUESTIONS:
            if question_week == week:
                Question.objects.create(consultation=consultation, round=round_, number=number, text=texts["en"],
                                        content_language="en",
                                        translations={code: {"text": texts[code]} for code in ("fr", "es")})
    return consultation
