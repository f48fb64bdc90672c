"""A small multilingual lexicon of migration and development concepts: the bridge between languages.

"Remittances", "transferts de fonds", "remesas" and "التحويلات" are one concept; a passage is
described by the concepts it names as well as by its own words, so that passages in English, French
and Spanish about the same subject fall into the same theme. The concepts carry the directory's
vocabulary codes (phase, category, target group), whose translated labels are terms of the concept
too, which is also how candidate practices are tagged."""
from dataclasses import dataclass
from functools import cache

from django.utils import translation

from corridor.directory.vocabularies import CATEGORY, PHASE, TARGET_GROUP

from .text import analyser

LANGUAGES = ("en", "fr", "es", "ar")
PRACTICE_VOCABULARIES = (PHASE, CATEGORY, TARGET_GROUP)
CONCEPT_PREFIX = "@"  # concept features next to word keys ("@remittances")


@dataclass(frozen=True)
class Concept:
    """`terms` per language, separated by ";", the first one being the concept's name in that
    language; `tags` are "vocabulary:code" of the directory's vocabularies."""

    code: str
    terms: dict
    tags: tuple = ()


CONCEPTS = (
    Concept("decentralised-cooperation", {
        "en": "decentralised cooperation; decentralized cooperation; city-to-city; twinning; sister city; "
              "city partnership; co-development; codevelopment",
        "fr": "coopération décentralisée; jumelage; ville à ville; codéveloppement; co-développement",
        "es": "cooperación descentralizada; hermanamiento; ciudad a ciudad; codesarrollo; co-desarrollo",
        "ar": "التعاون اللامركزي; التوأمة; توأمة"}),
    Concept("diaspora", {
        "en": "diaspora; diasporas; expatriates; nationals abroad; hometown associations; hometown association",
        "fr": "diaspora; ressortissants; expatriés; associations de ressortissants; Sénégalais de l'extérieur",
        "es": "diáspora; expatriados; connacionales; residentes en el exterior; asociaciones de oriundos",
        "ar": "المغتربون; الجالية; الجاليات; الشتات"}, ("target_group:diaspora",)),
    Concept("remittances", {
        "en": "remittances; remittance; money transfers; transfer of funds",
        "fr": "transferts de fonds; envois de fonds; transferts d'argent; transferts des migrants",
        "es": "remesas; envíos de dinero; envío de remesas",
        "ar": "التحويلات; تحويلات; التحويلات المالية"}, ("category:business",)),
    Concept("investment", {
        "en": "investment; invest; investors; investor; entrepreneurship; entrepreneurs; enterprises; "
              "business; productive projects; start-ups",
        "fr": "investissement; investir; investisseurs; entrepreneuriat; entrepreneurs; entreprises; "
              "projets productifs; création d'entreprises",
        "es": "inversión; invertir; inversores; inversionistas; emprendimiento; emprendedores; empresas; "
              "proyectos productivos",
        "ar": "الاستثمار; المستثمرين; المشاريع; ريادة الأعمال"}, ("category:business",)),
    Concept("return", {
        "en": "return; returnees; returning migrants; returned migrants; reintegration; reinsertion",
        "fr": "retour; migrants de retour; réinsertion; réintégration; rapatriés",
        "es": "retorno; retornados; migrantes retornados; reinserción; reintegración",
        "ar": "العودة; العائدون; إعادة الإدماج"}, ("phase:return", "category:reintegration", "target_group:returnees")),
    Concept("coordination", {
        "en": "coordination; coordinate; coordinating; consultation framework; multi-stakeholder; working group; "
              "steering committee; committee; platform; dialogue",
        "fr": "coordination; coordonner; concertation; cadre de concertation; multi-acteurs; comité; "
              "comités techniques; plateforme; dialogue",
        "es": "coordinación; coordinar; concertación; mesa de concertación; multiactor; comité; plataforma; "
              "diálogo; mesa de trabajo",
        "ar": "التنسيق; الحوار; لجنة; اللجنة"}),
    Concept("local-authorities", {
        "en": "local authorities; local government; local governments; municipality; municipalities; "
              "city council; regional council; mayor; regional authorities",
        "fr": "autorités locales; collectivités locales; collectivités territoriales; commune; communes; mairie; "
              "conseil régional; conseils régionaux; maire; élus locaux",
        "es": "autoridades locales; gobiernos locales; gobierno local; ayuntamiento; municipio; municipalidad; "
              "alcaldía; alcalde; gobiernos regionales",
        "ar": "السلطات المحلية; البلدية; البلديات; الجماعات المحلية"}),
    Concept("civil-society", {
        "en": "civil society; NGO; NGOs; CSOs; migrant associations; associations",
        "fr": "société civile; ONG; associations de migrants; associations; tissu associatif",
        "es": "sociedad civil; ONG; asociaciones de migrantes; asociaciones",
        "ar": "المجتمع المدني; الجمعيات; المنظمات غير الحكومية"}),
    Concept("national-policy", {
        "en": "national strategy; national strategies; national policy; national policies; ministry; "
              "national government; alignment; aligned",
        "fr": "stratégie nationale; stratégies nationales; politique nationale; politiques nationales; ministère; "
              "gouvernement national; alignement; alignées",
        "es": "estrategia nacional; estrategias nacionales; política nacional; políticas nacionales; ministerio; "
              "gobierno nacional; alineación; alineadas",
        "ar": "الاستراتيجية الوطنية; السياسة الوطنية; الوزارة"}),
    Concept("development-planning", {
        "en": "development planning; local development plan; local development plans; territorial planning; "
              "mainstreaming; development strategy",
        "fr": "planification du développement; plan de développement local; plans locaux de développement; "
              "planification territoriale; plans de développement communaux",
        "es": "planificación del desarrollo; plan de desarrollo local; planes de desarrollo local; "
              "planificación territorial; plan de desarrollo municipal",
        "ar": "التخطيط التنموي; خطة التنمية المحلية"}),
    Concept("integration", {
        "en": "integration; social inclusion; inclusion; social cohesion; newcomers; welcome; reception",
        "fr": "intégration; inclusion sociale; inclusion; cohésion sociale; primo-arrivants; nouveaux arrivants; "
              "accueil",
        "es": "integración; inclusión social; inclusión; cohesión social; recién llegados; acogida",
        "ar": "الاندماج; الإدماج الاجتماعي; الاستقبال"}, ("phase:destination",)),
    Concept("language", {
        "en": "language courses; language classes; language; languages; literacy; English classes",
        "fr": "cours de langue; langue; langues; alphabétisation; cours de français; français langue étrangère",
        "es": "cursos de idiomas; clases de idiomas; idioma; idiomas; lengua; alfabetización; clases de español; "
              "cursos de español",
        "ar": "دورات لغوية; اللغة; تعلم اللغة; محو الأمية"}, ("category:language",)),
    Concept("interpretation", {
        "en": "interpretation; interpreters; translation; cultural mediators; intercultural mediation",
        "fr": "interprétariat; interprètes; traduction; médiateurs culturels; médiation interculturelle",
        "es": "interpretación; intérpretes; traducción; mediadores culturales; mediación intercultural",
        "ar": "الترجمة; المترجمين; الوساطة الثقافية"}, ("category:interpretation",)),
    Concept("employment", {
        "en": "employment; jobs; job; labour market; labor market; unemployment; workers; recognition of "
              "qualifications; skills recognition; skills",
        "fr": "emploi; emplois; marché du travail; chômage; travailleurs; reconnaissance des diplômes; "
              "reconnaissance des qualifications; compétences",
        "es": "empleo; empleos; mercado laboral; mercado de trabajo; desempleo; trabajadores; reconocimiento de "
              "títulos; homologación; competencias",
        "ar": "التوظيف; العمل; فرص العمل; سوق العمل; البطالة"},
        ("category:employment", "target_group:labour-migrants")),
    Concept("housing", {
        "en": "housing; shelter; accommodation; rent; social housing",
        "fr": "logement; logements; hébergement; loyer; logement social",
        "es": "vivienda; viviendas; alojamiento; albergue; alquiler",
        "ar": "السكن; الإيواء; المأوى"}, ("category:housing",)),
    Concept("health", {
        "en": "health; healthcare; health care; clinics; hospital; medical; psychosocial support",
        "fr": "santé; soins; médical; médicale; soutien psychosocial; centres de santé",
        "es": "salud; atención sanitaria; sanitario; médica; médico; apoyo psicosocial",
        "ar": "الصحة; الرعاية الصحية; الدعم النفسي"}, ("category:health",)),
    Concept("training", {
        "en": "training; capacity building; capacity development; vocational training; education; schools; "
              "coaching",
        "fr": "formation; formations; renforcement des capacités; formation professionnelle; éducation; école; "
              "écoles",
        "es": "formación; capacitación; fortalecimiento de capacidades; formación profesional; educación; "
              "escuela; escuelas",
        "ar": "التدريب; التعليم; بناء القدرات; التكوين"}, ("category:education",)),
    Concept("participation", {
        "en": "participation; participatory; citizenship; active citizenship; migrant council; advisory council; "
              "civic participation",
        "fr": "participation; participative; participatif; citoyenneté; conseil consultatif; "
              "conseil des résidents étrangers",
        "es": "participación; participativo; participativa; ciudadanía; consejo consultivo; consejo municipal "
              "de inmigración",
        "ar": "المشاركة; المواطنة; المجلس الاستشاري"}, ("category:community",)),
    Concept("funding", {
        "en": "funding; funds; fund; financing; finance; budget; donors; grants; co-financing; microcredit; "
              "microfinance; loans",
        "fr": "financement; financements; fonds; budget; bailleurs; subventions; cofinancement; microcrédit; "
              "microfinance; crédits; prêts",
        "es": "financiación; financiamiento; fondos; fondo; presupuesto; donantes; subvenciones; cofinanciación; "
              "microcrédito; microcréditos; préstamos",
        "ar": "التمويل; الميزانية; المانحين; القروض الصغيرة"}),
    Concept("data", {
        "en": "data; statistics; research; mapping; survey; surveys; study; evidence; monitoring; profile",
        "fr": "données; statistiques; recherche; cartographie; enquête; enquêtes; étude; diagnostic; suivi",
        "es": "datos; estadísticas; investigación; mapeo; encuesta; encuestas; estudio; diagnóstico; seguimiento",
        "ar": "البيانات; الإحصاءات; البحث; الدراسة"}),
    Concept("information", {
        "en": "information; counselling; guidance; advice; awareness; outreach; communication; information campaign",
        "fr": "information; orientation; sensibilisation; accompagnement; communication; campagne d'information",
        "es": "información; orientación; asesoramiento; sensibilización; acompañamiento; comunicación",
        "ar": "المعلومات; الإرشاد; التوعية; التواصل"}, ("category:information",)),
    Concept("one-stop-shop", {
        "en": "one-stop shop; one-stop office; one-stop centre; single window; service centre; help desk; "
              "welcome office",
        "fr": "guichet unique; guichet; bureau d'accueil; maison des migrants; point d'accueil; centre d'accueil",
        "es": "ventanilla única; oficina de atención; centro de atención; casa del migrante; punto de atención",
        "ar": "شباك موحد; مكتب الاستقبال"}),
    Concept("legal", {
        "en": "legal aid; legal advice; residence permit; regularisation; rights; documents; documentation",
        "fr": "aide juridique; conseil juridique; titre de séjour; régularisation; droits; papiers",
        "es": "asistencia jurídica; asesoría jurídica; permiso de residencia; regularización; derechos; "
              "documentación",
        "ar": "المساعدة القانونية; الحقوق; الإقامة"}, ("category:legal",)),
    Concept("women", {
        "en": "women; woman; gender; girls",
        "fr": "femmes; femme; genre; filles",
        "es": "mujeres; mujer; género; niñas",
        "ar": "النساء; المرأة"}, ("target_group:women",)),
    Concept("youth", {
        "en": "youth; young people; young migrants",
        "fr": "jeunes; jeunesse",
        "es": "jóvenes; juventud",
        "ar": "الشباب"}),
    Concept("refugees", {
        "en": "refugees; refugee; asylum seekers; asylum",
        "fr": "réfugiés; réfugié; demandeurs d'asile; asile",
        "es": "refugiados; refugiado; solicitantes de asilo; asilo",
        "ar": "اللاجئون; اللاجئين; اللجوء"}, ("target_group:refugees",)),
    Concept("families", {
        "en": "families left behind; families; children left behind; family",
        "fr": "familles restées au pays; familles; famille; enfants",
        "es": "familias; familia; hijos; familias que permanecen",
        "ar": "الأسر; الأسرة"}, ("category:family", "target_group:families-left-behind")),
    Concept("discrimination", {
        "en": "discrimination; racism; xenophobia; prejudice",
        "fr": "discrimination; discriminations; racisme; xénophobie; préjugés",
        "es": "discriminación; racismo; xenofobia; prejuicios",
        "ar": "التمييز; العنصرية"}, ("category:anti-discrimination",)),
    Concept("pre-departure", {
        "en": "pre-departure; before departure; irregular migration; safe migration",
        "fr": "avant le départ; migration irrégulière; migration sûre",
        "es": "antes de la salida; migración irregular; migración segura",
        "ar": "قبل المغادرة; الهجرة غير النظامية"}, ("phase:pre-departure",)),
    Concept("agriculture", {
        "en": "agriculture; agricultural; farmers; cooperatives; rural",
        "fr": "agriculture; agricole; agricoles; agriculteurs; coopératives; rural",
        "es": "agricultura; agrícola; agricultores; cooperativas; rural",
        "ar": "الزراعة; التعاونيات"}),
    Concept("knowledge-sharing", {
        "en": "exchange of experiences; peer learning; best practices; good practices; knowledge sharing; networks",
        "fr": "échange d'expériences; bonnes pratiques; capitalisation; partage de savoirs; réseaux",
        "es": "intercambio de experiencias; buenas prácticas; sistematización; redes",
        "ar": "تبادل الخبرات; الممارسات الجيدة"}),
)

@dataclass(frozen=True)
class Lexicon:
    index: dict    # language -> {first key: [(keys, concept code), ...] longest first}
    labels: dict   # concept code -> {language: name}
    tags: dict     # concept code -> ("vocabulary:code", ...)


@cache
def lexicon() -> Lexicon:
    terms = {concept.code: {language: [t.strip() for t in text.split(";")] for language, text in concept.terms.items()}
             for concept in CONCEPTS}
    tags = {concept.code: concept.tags for concept in CONCEPTS}
    tagged = {tag for concept in CONCEPTS for tag in concept.tags}
    for vocabulary in PRACTICE_VOCABULARIES:
        for code, _label in vocabulary.terms:
            tag = f"{vocabulary.code}:{code}"
            owners = [concept for concept in CONCEPTS if tag in concept.tags] if tag in tagged else []
            if not owners:  # a vocabulary term of its own, named by its label
                owners = [Concept(tag, {})]
                tags[tag] = (tag,)
                terms[tag] = {}
            for language in LANGUAGES:
                with translation.override(language):
                    label = str(vocabulary.label(code))
                for owner in owners:
                    terms[owner.code].setdefault(language, []).append(label)
    index, labels = {}, {}
    for code, by_language in terms.items():
        labels[code] = {language: names[0] for language, names in by_language.items() if names}
        for language, names in by_language.items():
            language_index = index.setdefault(language, {})
            for name in names:
                keys = tuple(analyser(language).keys(name))
                if keys and (keys, code) not in language_index.get(keys[0], []):
                    language_index.setdefault(keys[0], []).append((keys, code))
    for language_index in index.values():
        for entries in language_index.values():
            entries.sort(key=lambda entry: (-len(entry[0]), entry[1]))
    return Lexicon(index, labels, tags)


def find_concepts(keys: list[str], language: str) -> list[str]:
    """The concepts named in a passage (given by its word keys), once per mention, longest term
    first: "transferts de fonds" is remittances, not funding."""
    language_index = lexicon().index.get(language)
    if not language_index:
        return []
    found, position = [], 0
    while position < len(keys):
        for term, code in language_index.get(keys[position], ()):
            if tuple(keys[position:position + len(term)]) == term:
                found.append(code)
                position += len(term)
                break
        else:
            position += 1
    return found


def concept_label(code: str, language: str) -> str:
    labels = lexicon().labels[code]
    return labels.get(language) or labels.get("en") or code


def concept_tags(codes) -> dict:
    """{"phase": [...], "category": [...], "target_group": [...]} of some concepts, sorted."""
    tags: dict[str, set] = {}
    for code in codes:
        for tag in lexicon().tags.get(code, ()):
            vocabulary, term = tag.split(":", 1)
            tags.setdefault(vocabulary, set()).add(term)
    return {vocabulary: sorted(terms) for vocabulary, terms in sorted(tags.items())}
