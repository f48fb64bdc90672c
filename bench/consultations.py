"""The consolidated report at scale: a consultation of 10,000 contributions in English, French,
Spanish and some Arabic over 8 questions, then the time and peak memory of `build_report_data`.

    python bench/consultations.py [--contributions N] [--questions N]

prints JSON figures on stdout (progress on stderr) after generating into a throw-away data directory.
`run()` does the same in the current database, for a caller that has set one up (bench/run.py)."""
import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = {"consolidation_seconds": 60, "peak_memory_mib": 2048}
LANGUAGES = ("en",) * 40 + ("fr",) * 30 + ("es",) * 25 + ("ar",) * 5
SEED = 20240304
BATCH = 2000

# Places and actors, by country: (country in en, fr, es, ar; cities; local authority in en, fr, es).
PLACES = (
    (("Senegal", "le Sénégal", "Senegal", "السنغال"), ("Dakar", "Louga", "Ziguinchor", "Thiès", "Kolda")),
    (("Morocco", "le Maroc", "Marruecos", "المغرب"), ("Tangier", "Rabat", "Nador", "Oujda", "Agadir")),
    (("the Philippines", "les Philippines", "Filipinas", "الفلبين"), ("Batangas", "Manila", "Cebu City", "Davao")),
    (("Ecuador", "l'Équateur", "Ecuador", "الإكوادور"), ("Quito", "Guayaquil", "Loja", "Machala")),
    (("Mali", "le Mali", "Malí", "مالي"), ("Kayes", "Bamako", "Sikasso", "Mopti")),
    (("Italy", "l'Italie", "Italia", "إيطاليا"), ("Rome", "Turin", "Milan", "Naples", "Bologna")),
    (("Spain", "l'Espagne", "España", "إسبانيا"), ("Madrid", "Barcelona", "Valencia", "Seville", "Murcia")),
    (("Germany", "l'Allemagne", "Alemania", "ألمانيا"), ("Munich", "Berlin", "Hamburg", "Frankfurt am Main")),
    (("Zimbabwe", "le Zimbabwe", "Zimbabue", "زيمبابوي"), ("Harare", "Bulawayo", "Mutare")),
    (("France", "la France", "Francia", "فرنسا"), ("Paris", "Lyon", "Marseille", "Montreuil", "Toulouse")),
)
ACTORS = {
    "en": ("the city of {city}", "the Regional Council of {city}", "the municipality of {city}",
           "the Province of {city}", "our association in {city}"),
    "fr": ("la commune de {city}", "la ville de {city}", "le conseil régional de {city}", "la mairie de {city}",
           "notre association à {city}"),
    "es": ("el Ayuntamiento de {city}", "la Municipalidad de {city}", "el Gobierno Provincial de {city}",
           "la Diputación de {city}", "nuestra asociación en {city}"),
    "ar": ("بلدية {city}", "المجلس الجهوي في {city}", "جمعيتنا في {city}"),
}
# Topics of the answers: sentences in each language, one a line ({actor}, {city}, {country}, {year}, {number}).
TOPICS = {
    "diaspora-investment": {
        "en": """
The diaspora from {country} wants to invest in productive projects back home, not only to support families.
In {year} {actor} set up a matching fund: every euro invested by the diaspora is doubled for local enterprises.
Diaspora investors ask for reliable information on investment opportunities and guarantees in {city}.
Hometown associations in {city} finance small enterprises and agricultural cooperatives with their savings.""",
        "fr": """
La diaspora du pays souhaite investir dans des projets productifs et pas seulement aider les familles.
En {year}, {actor} a créé un fonds de cofinancement pour l'investissement des ressortissants à {city}.
Pour investir dans un pays comme {country}, la diaspora demande un guichet unique et des garanties.
Les associations de ressortissants financent des entreprises et des coopératives agricoles à {city}.""",
        "es": """
La diáspora quiere invertir en proyectos productivos en {country} y no solo apoyar a las familias.
En {year} {actor} puso en marcha un fondo que duplica cada euro invertido por la diáspora en {city}.
Los inversores de la diáspora piden información fiable sobre oportunidades de inversión en {city}.
Las asociaciones de migrantes financian pequeñas empresas y cooperativas agrícolas con sus ahorros.""",
        "ar": """
يرغب المغتربون في الاستثمار في مشاريع منتجة في {country}.
تطالب الجالية بمعلومات موثوقة عن فرص الاستثمار في {city}.""",
    },
    "remittances": {
        "en": """
Remittances sustain {number} families in {city}, but transfer costs remain high.
Savings groups help families turn remittances into savings and small loans.
Banks and microfinance institutions in {country} could offer products adapted to money transfers.
Financial literacy training for migrant families makes remittances last longer.""",
        "fr": """
Les transferts de fonds font vivre {number} familles à {city}, mais les frais restent élevés.
Les groupes d'épargne aident les familles à transformer les transferts en épargne et en microcrédit.
Dans un pays comme {country}, les banques pourraient proposer des produits adaptés aux envois de fonds.
L'éducation financière des familles de migrants rend les transferts plus utiles.""",
        "es": """
Las remesas sostienen a {number} familias en {city}, pero los costes de envío siguen siendo altos.
Los grupos de ahorro ayudan a las familias a convertir las remesas en ahorro y microcréditos.
Las cooperativas de ahorro en {country} ofrecen productos adaptados al envío de remesas.
La educación financiera de las familias migrantes hace que las remesas rindan más.""",
        "ar": """
تعيل التحويلات المالية {number} أسرة في {city}.
تساعد مجموعات الادخار الأسر على تحويل التحويلات إلى مدخرات.""",
    },
    "return": {
        "en": """
Returning migrants need counselling, training and access to credit to reintegrate in {city}.
In {year} {actor} set up a one-stop office for returnees that advised {number} people.
Returnees from Europe often come back without savings and with skills that are not recognised.
Psychosocial support for returnees and their families matters as much as economic reintegration.""",
        "fr": """
Les migrants de retour ont besoin d'orientation, de formation et de crédit pour se réinsérer à {city}.
En {year}, {actor} a mis en place un guichet unique pour les migrants de retour qui a accompagné {number} personnes.
Beaucoup de migrants de retour reviennent sans épargne et avec des compétences non reconnues.
Le soutien psychosocial des migrants de retour et de leurs familles compte autant que la réinsertion économique.""",
        "es": """
Los migrantes retornados necesitan orientación, capacitación y crédito para su reinserción en {city}.
En {year} {actor} creó una oficina de atención al migrante retornado que atendió a {number} personas.
Muchos retornados vuelven sin ahorros y con competencias que no se reconocen.
El apoyo psicológico a los retornados y a sus familias es tan importante como la reintegración laboral.""",
        "ar": """
يحتاج المهاجرون العائدون إلى التوجيه والتدريب والقروض لإعادة الإدماج في {city}.
أنشأت {actor} مكتبا لاستقبال العائدين سنة {year}.""",
    },
    "coordination": {
        "en": """
Local authorities, civil society and ministries should meet in a coordination platform to avoid duplicated efforts.
A multi-stakeholder working group in {city} aligns local initiatives with the national strategy of {country}.
Cooperation and immigration services of the same municipality often work separately.
National ministries rarely involve local governments in migration policy.""",
        "fr": """
Les autorités locales, la société civile et les ministères devraient se réunir dans un cadre de concertation.
Un comité technique à {city} aligne les initiatives locales sur la stratégie nationale pour {country}.
Les services de coopération et d'immigration d'une même commune travaillent souvent séparément.
Le ministère associe rarement les collectivités locales à la politique migratoire.""",
        "es": """
Las autoridades locales, la sociedad civil y los ministerios deberían coordinarse en una mesa de concertación.
Una mesa de coordinación en {city} alinea las acciones locales con la estrategia nacional de {country}.
Los servicios de cooperación y de inmigración de un mismo ayuntamiento trabajan por separado.
El ministerio rara vez involucra a los gobiernos locales en la política migratoria.""",
        "ar": """
ينبغي أن تجتمع السلطات المحلية والمجتمع المدني والوزارة في إطار للتنسيق.
تعمل لجنة في {city} على مواءمة المبادرات المحلية مع الاستراتيجية الوطنية.""",
    },
    "twinning": {
        "en": """
Decentralised cooperation between {city} and its partner cities links migration and development.
In {year} {actor} launched a city-to-city partnership with migrant associations as bridges.
Twinning agreements let local officials exchange know-how with partner municipalities abroad.
Migrants living in {city} suggested the partner territory and joined every exchange visit.""",
        "fr": """
La coopération décentralisée entre {city} et ses villes partenaires relie migration et développement.
En {year}, {actor} a lancé un jumelage de ville à ville avec les associations de migrants.
Les jumelages permettent aux élus locaux d'échanger des savoir-faire avec leurs partenaires.
Les migrants installés à {city} ont proposé le territoire partenaire et participé aux échanges.""",
        "es": """
La cooperación descentralizada entre {city} y sus ciudades socias vincula migración y desarrollo.
En {year} {actor} impulsó un hermanamiento con la participación de asociaciones de migrantes.
Los hermanamientos permiten a los gobiernos locales intercambiar experiencias con sus socios.
Los migrantes residentes en {city} propusieron el territorio socio y participaron en los intercambios.""",
        "ar": """
يربط التعاون اللامركزي بين {city} وشركائها بين الهجرة والتنمية.
أطلقت {actor} برنامج توأمة مع جمعيات المهاجرين.""",
    },
    "language": {
        "en": """
Free language courses for newcomers in {city} are combined with childcare and evening classes.
In {year} {actor} opened a welcome centre with language classes and information on housing.
Waiting lists for language courses delay access to work and integration.
Volunteers from migrant associations mentor newcomers who attend language classes.""",
        "fr": """
Les cours de français gratuits pour les primo-arrivants à {city} sont organisés le soir avec une garde d'enfants.
En {year}, {actor} a ouvert un centre d'accueil avec des cours de langue et une orientation vers le logement.
Les listes d'attente pour les cours de langue retardent l'accès à l'emploi et l'intégration.
Des bénévoles des associations de migrants accompagnent les primo-arrivants dans l'apprentissage de la langue.""",
        "es": """
Los cursos de idiomas gratuitos para recién llegados en {city} incluyen guardería y horario de tarde.
En {year} {actor} abrió un servicio de acogida con clases de español e información sobre vivienda.
Las listas de espera para los cursos de idiomas retrasan el acceso al empleo y la integración.
Voluntarios de asociaciones de migrantes acompañan a los recién llegados en las clases de idioma.""",
        "ar": """
تقدم {city} دورات لغوية مجانية للوافدين الجدد.
تؤخر قوائم الانتظار في دورات اللغة الاندماج والعمل.""",
    },
    "employment": {
        "en": """
Recognition of qualifications remains the main obstacle for migrant workers in the labour market.
Vocational training and skills assessment help migrants find jobs as qualified workers in {city}.
Discrimination in hiring keeps many migrants in informal work.
In {year} {actor} organised job fairs where {number} migrants met local employers.""",
        "fr": """
La reconnaissance des diplômes reste le principal obstacle pour les travailleurs migrants.
La formation professionnelle et le bilan de compétences aident les migrants à trouver un emploi à {city}.
La discrimination à l'embauche maintient beaucoup de migrants dans le travail informel.
En {year}, {actor} a organisé des forums de l'emploi où {number} migrants ont rencontré des employeurs.""",
        "es": """
La homologación de títulos sigue siendo el principal obstáculo para los trabajadores migrantes.
La formación profesional y la evaluación de competencias ayudan a los migrantes a encontrar empleo en {city}.
La discriminación en la contratación mantiene a muchos migrantes en el trabajo informal.
En {year} {actor} organizó ferias de empleo donde {number} migrantes conocieron a empleadores locales.""",
        "ar": """
يبقى الاعتراف بالمؤهلات العقبة الرئيسية أمام العمال المهاجرين في سوق العمل.
يساعد التدريب المهني المهاجرين على إيجاد فرص العمل في {city}.""",
    },
    "participation": {
        "en": """
A migrant advisory council gives newcomers a voice in local policies in {city}.
Migrants should take part in local development planning and in the consultations of the municipality.
Participation of migrant associations makes public services better adapted to their needs.
Active citizenship of migrants is still limited by language and by prejudice.""",
        "fr": """
Un conseil consultatif des résidents étrangers donne la parole aux migrants à {city}.
Les migrants devraient participer à la planification du développement local de la commune.
La participation des associations de migrants adapte mieux les services publics à leurs besoins.
La citoyenneté active des migrants reste limitée par la langue et les préjugés.""",
        "es": """
Un consejo municipal de inmigración da voz a los migrantes en las políticas locales de {city}.
Los migrantes deberían participar en la planificación del desarrollo local del municipio.
La participación de las asociaciones de migrantes adapta mejor los servicios públicos.
La ciudadanía activa de los migrantes sigue limitada por el idioma y los prejuicios.""",
        "ar": """
يمنح المجلس الاستشاري للمهاجرين صوتا في السياسات المحلية في {city}.
ينبغي أن يشارك المهاجرون في التخطيط التنموي المحلي.""",
    },
}
QUESTION_TOPICS = (("twinning", "coordination", "participation"), ("diaspora-investment", "remittances", "twinning"),
                   ("return", "employment", "remittances"), ("language", "employment", "participation"),
                   ("coordination", "diaspora-investment", "return"), ("participation", "language", "coordination"),
                   ("remittances", "return", "diaspora-investment"), ("employment", "twinning", "language"))
LESSONS = {
    "en": "The main lesson learned is that {topic} needs stable funding and trust between partners.",
    "fr": "La principale leçon est que ce travail demande un financement stable et de la confiance entre partenaires.",
    "es": "La lección aprendida es que este trabajo necesita financiación estable y confianza entre socios.",
    "ar": "الدرس الرئيسي هو أن هذا العمل يحتاج إلى تمويل مستقر وثقة بين الشركاء.",
}
ORGANISATION_KINDS = ("local-authority", "cso", "migrant-association", "academia", "international", "private",
                      "trade-union", "faith-based")
COUNTRY_CODES = ("SN", "MA", "PH", "EC", "ML", "IT", "ES", "DE", "ZW", "FR", "BE", "MX", "")


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _sentence(rng: random.Random, topic: str, language: str) -> str:
    country, cities = rng.choice(PLACES)
    city = rng.choice(cities)
    country_name = country[("en", "fr", "es", "ar").index(language)]
    actor = rng.choice(ACTORS[language]).format(city=city)
    template = rng.choice(TOPICS[topic][language].strip().splitlines())
    return template.format(actor=actor, city=city, country=country_name, year=rng.randint(2005, 2023),
                           number=rng.randint(12, 2400), topic=topic)


def _answer(rng: random.Random, topics: tuple, language: str) -> str:
    """Two to six sentences on one topic of the question, sometimes two, sometimes with a lesson."""
    chosen = [rng.choice(topics)] if rng.random() < 0.75 else rng.sample(topics, 2)
    sentences = [_sentence(rng, rng.choice(chosen), language) for _ in range(rng.randint(2, 6))]
    if rng.random() < 0.15:
        sentences.append(LESSONS[language].format(topic=chosen[0].replace("-", " ")))
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if len(current) >= 3 and rng.random() < 0.5:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs + ([" ".join(current)] if current else []))


def _slug(contributions: int, questions: int, seed: int = SEED) -> str:
    return f"bench-{seed}-{contributions}-{questions}"


def generate(contributions: int, questions: int, seed: int = SEED):
    """A closed consultation with `questions` questions and `contributions` published contributions,
    each answering one to three questions; returns the consultation."""
    from corridor.consultations.models import Answer, Consultation, Contribution, Question

    rng = random.Random(seed)
    consultation = Consultation.objects.create(
        slug=_slug(contributions, questions, seed), title="Benchmark e-discussion", status=Consultation.Status.CLOSED,
        content_language="en", languages=["en", "fr", "es", "ar"])
    question_rows = Question.objects.bulk_create([
        Question(consultation=consultation, number=number, text=f"Question {number} on "
                 + ", ".join(QUESTION_TOPICS[(number - 1) % len(QUESTION_TOPICS)]))
        for number in range(1, questions + 1)])
    start = datetime(2024, 3, 4, 8, tzinfo=UTC)
    authors = max(1, contributions * 4 // 5)  # some people contribute more than once
    for offset in range(0, contributions, BATCH):
        rows, answers = [], []
        for index in range(offset, min(contributions, offset + BATCH)):
            language = rng.choice(LANGUAGES)
            author = rng.randrange(authors)
            rows.append(Contribution(
                consultation=consultation, author_name=f"Participant {author}",
                author_email=f"participant{author}@example.org", is_anonymous=rng.random() < 0.1,
                organisation_name=f"Organisation {author % 700}", organisation_kind=rng.choice(ORGANISATION_KINDS),
                country_code=rng.choice(COUNTRY_CODES), language=language, body="", body_text="",
                fingerprint=f"bench-{index}", status=Contribution.Status.PUBLISHED,
                submitted_at=start + timedelta(minutes=rng.randrange(60 * 24 * 28))))
            numbers = rng.sample(range(questions), rng.choice((1, 1, 2, 2, 3)))
            answers.append([(question_rows[n], _answer(rng, QUESTION_TOPICS[n % len(QUESTION_TOPICS)], language))
                            for n in sorted(numbers)])
        for contribution, texts in zip(rows, answers):
            contribution.body_text = "\n\n".join(text for _question, text in texts)
            contribution.body = contribution.body_text
        Contribution.objects.bulk_create(rows)
        Answer.objects.bulk_create([Answer(contribution=contribution, question=question, position=position, text=text)
                                    for contribution, texts in zip(rows, answers)
                                    for position, (question, text) in enumerate(texts)])
        log(f"generated {offset + len(rows)} contributions")
    return consultation


def _peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run(contributions: int = 10_000, questions: int = 8) -> dict:
    """Generate a consultation in the current database (or reuse the one a previous run left in a
    kept data directory) and time its consolidation."""
    from corridor.consultations.models import Consultation
    from corridor.consultations.reporting import build_report_data

    consultation = Consultation.objects.filter(slug=_slug(contributions, questions)).first()
    if consultation is None:
        consultation = generate(contributions, questions)
    memory_before = _peak_memory_mib()
    log("consolidating")
    started = time.perf_counter()
    data = build_report_data(consultation)
    seconds = time.perf_counter() - started
    peak = _peak_memory_mib()
    figures = {
        "contributions": data["overview"]["contributions"],
        "questions": len(data["questions"]),
        "passages_in_themes": sum(theme["size"] for question in data["questions"] for theme in question["themes"]),
        "consolidation_seconds": round(seconds, 1),
        "peak_memory_mib": round(peak, 1),
        "memory_before_consolidation_mib": round(memory_before, 1),
        "themes_per_question": [len(question["themes"]) for question in data["questions"]],
        "places": len(data["overview"]["places"]),
        "candidate_practices": len(data["practices"]),
        "report_data_mib": round(len(json.dumps(data)) / 2**20, 1),
        "targets": TARGETS,
    }
    figures["pass"] = {"consolidation_seconds": seconds < TARGETS["consolidation_seconds"],
                       "peak_memory_mib": peak < TARGETS["peak_memory_mib"]}
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--contributions", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=8)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="corridor-bench-consultations-"))
    os.environ.update(CORRIDOR_DATA_DIR=str(workdir), DJANGO_SETTINGS_MODULE="corridor.settings", DEBUG="0",
                      LOG_LEVEL="ERROR")
    os.environ.pop("DATABASE_URL", None)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(json.dumps(run(args.contributions, args.questions), indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
