"""The default template of a local migration profile (version 1), installed by a data migration: what
seed 002 asks a local authority to know about its territory — population by nationality, arrivals and
departures, refugees and asylum seekers, the diaspora abroad, remittances, the labour market and access
to services — so that every territory reports the same way. Changing these indicators means a new
version of the template, not an edit of this one."""

CODE = "local-migration-profile"
VERSION = 1
NAME = {"en": "Local migration profile", "fr": "Profil migratoire local", "es": "Perfil migratorio local",
        "ar": "الملف المحلي للهجرة"}
DESCRIPTION = {
    "en": "The common indicators of a local migration profile, for territories of destination, transit and "
          "origin. Report what you have: an indicator left empty is shown as not reported.",
    "fr": "Les indicateurs communs d'un profil migratoire local, pour les territoires de destination, de transit "
          "et d'origine. Renseignez ce dont vous disposez : un indicateur vide est affiché comme non renseigné.",
}
UNITS = {
    "persons": {"en": "persons", "fr": "personnes", "es": "personas", "ar": "أشخاص"},
    "associations": {"en": "associations", "fr": "associations", "es": "asociaciones", "ar": "جمعيات"},
    "consultations": {"en": "consultations", "fr": "consultations", "es": "consultas", "ar": "استشارات"},
    "hours": {"en": "hours", "fr": "heures", "es": "horas", "ar": "ساعات"},
}
REGISTER = "Population register (municipal or regional statistical office)"
MIGRATION_OFFICE = "National migration office (entries, permits and asylum statistics)"

# section code, title {language: text}, indicators:
#   code, kind, unit, breakdown, label {language: text}, definition {language: text}, preferred source
SECTIONS = [
    ("population", {"en": "Population", "fr": "Population", "es": "Población", "ar": "السكان"}, [
        ("resident_population", "number", "persons", "",
         {"en": "Resident population", "fr": "Population résidante", "es": "Población residente",
          "ar": "السكان المقيمون"},
         {"en": "Permanent resident population on the last day of the period, all nationalities.",
          "fr": "Population résidante permanente au dernier jour de la période, toutes nationalités."}, REGISTER),
        ("foreign_population", "number", "persons", "nationality",
         {"en": "Foreign residents by nationality", "fr": "Population étrangère par nationalité",
          "es": "Población extranjera por nacionalidad", "ar": "السكان الأجانب حسب الجنسية"},
         {"en": "Residents without the country's citizenship on the last day of the period, by citizenship. "
                "List the main nationalities and count the others under “other”.",
          "fr": "Personnes résidantes sans la nationalité du pays au dernier jour de la période, par nationalité. "
                "Indiquez les principales nationalités et comptez les autres sous « other »."}, REGISTER),
        ("foreign_share", "percentage", "", "",
         {"en": "Share of foreign residents in the population", "fr": "Part de la population étrangère",
          "es": "Proporción de población extranjera", "ar": "نسبة السكان الأجانب"},
         {"en": "Foreign residents divided by the resident population, in per cent.",
          "fr": "Population étrangère divisée par la population résidante, en pour cent."}, REGISTER),
        ("foreign_population_by_sex", "number", "persons", "sex",
         {"en": "Foreign residents by sex", "fr": "Population étrangère par sexe",
          "es": "Población extranjera por sexo", "ar": "السكان الأجانب حسب الجنس"},
         {"en": "The same people as “Foreign residents by nationality”, counted by sex.",
          "fr": "Les mêmes personnes que « Population étrangère par nationalité », comptées par sexe."}, REGISTER),
        ("foreign_population_by_age", "number", "persons", "age_group",
         {"en": "Foreign residents by age group", "fr": "Population étrangère par groupe d'âge",
          "es": "Población extranjera por grupo de edad", "ar": "السكان الأجانب حسب الفئة العمرية"},
         {"en": "The same people, counted by age on the last day of the period.",
          "fr": "Les mêmes personnes, comptées selon leur âge au dernier jour de la période."}, REGISTER),
        ("naturalisations", "number", "persons", "nationality",
         {"en": "Naturalisations by former nationality", "fr": "Naturalisations par nationalité d'origine",
          "es": "Naturalizaciones por nacionalidad anterior", "ar": "حالات التجنس حسب الجنسية السابقة"},
         {"en": "People who acquired the country's citizenship during the period.",
          "fr": "Personnes ayant acquis la nationalité du pays pendant la période."}, REGISTER),
    ]),
    ("flows", {"en": "Arrivals and departures", "fr": "Arrivées et départs", "es": "Llegadas y salidas",
               "ar": "الوصول والمغادرة"}, [
        ("arrivals_from_abroad", "number", "persons", "nationality",
         {"en": "Arrivals from abroad by nationality", "fr": "Arrivées de l'étranger par nationalité",
          "es": "Llegadas desde el extranjero por nacionalidad", "ar": "القادمون من الخارج حسب الجنسية"},
         {"en": "People who settled in the territory during the period coming from another country.",
          "fr": "Personnes venues d'un autre pays qui se sont établies sur le territoire pendant la période."},
         REGISTER),
        ("departures_abroad", "number", "persons", "destination",
         {"en": "Departures abroad by country of destination",
          "fr": "Départs vers l'étranger par pays de destination",
          "es": "Salidas al extranjero por país de destino", "ar": "المغادرون إلى الخارج حسب بلد المقصد"},
         {"en": "Residents who left the territory for another country during the period, all nationalities.",
          "fr": "Personnes résidantes parties pour un autre pays pendant la période, toutes nationalités."},
         REGISTER),
        ("arrivals_family_reunification", "number", "persons", "",
         {"en": "Arrivals for family reunification", "fr": "Arrivées au titre du regroupement familial",
          "es": "Llegadas por reagrupación familiar", "ar": "الوافدون بغرض لمّ شمل الأسرة"},
         {"en": "Arrivals from abroad whose residence permit was granted to join a family member.",
          "fr": "Arrivées de l'étranger dont le titre de séjour a été accordé pour rejoindre un membre de la "
                "famille."}, MIGRATION_OFFICE),
        ("arrivals_for_work", "number", "persons", "",
         {"en": "Arrivals for work", "fr": "Arrivées pour exercer une activité lucrative",
          "es": "Llegadas por motivos laborales", "ar": "الوافدون بغرض العمل"},
         {"en": "Arrivals from abroad whose residence permit was granted for gainful employment.",
          "fr": "Arrivées de l'étranger dont le titre de séjour a été accordé pour une activité lucrative."},
         MIGRATION_OFFICE),
    ]),
    ("protection", {"en": "Refugees and asylum seekers", "fr": "Personnes réfugiées et requérantes d'asile",
                    "es": "Personas refugiadas y solicitantes de asilo", "ar": "اللاجئون وطالبو اللجوء"}, [
        ("asylum_applications", "number", "persons", "nationality",
         {"en": "New asylum applications by nationality", "fr": "Nouvelles demandes d'asile par nationalité",
          "es": "Nuevas solicitudes de asilo por nacionalidad", "ar": "طلبات اللجوء الجديدة حسب الجنسية"},
         {"en": "Asylum applications lodged during the period by people assigned to the territory.",
          "fr": "Demandes d'asile déposées pendant la période par des personnes attribuées au territoire."},
         MIGRATION_OFFICE),
        ("asylum_seekers", "number", "persons", "",
         {"en": "Asylum seekers living in the territory", "fr": "Personnes requérantes d'asile sur le territoire",
          "es": "Solicitantes de asilo en el territorio", "ar": "طالبو اللجوء المقيمون في الإقليم"},
         {"en": "People whose asylum application is pending, on the last day of the period.",
          "fr": "Personnes dont la demande d'asile est en cours, au dernier jour de la période."},
         MIGRATION_OFFICE),
        ("recognised_refugees", "number", "persons", "nationality",
         {"en": "Recognised refugees by nationality", "fr": "Réfugiés reconnus par nationalité",
          "es": "Refugiados reconocidos por nacionalidad", "ar": "اللاجئون المعترف بهم حسب الجنسية"},
         {"en": "People with refugee status living in the territory on the last day of the period.",
          "fr": "Personnes au bénéfice du statut de réfugié vivant sur le territoire au dernier jour de la "
                "période."}, MIGRATION_OFFICE),
        ("temporary_protection", "number", "persons", "",
         {"en": "People under temporary protection or provisionally admitted",
          "fr": "Personnes sous protection temporaire ou admises à titre provisoire",
          "es": "Personas con protección temporal o admisión provisional",
          "ar": "الأشخاص تحت الحماية المؤقتة أو المقبولون مؤقتاً"},
         {"en": "People protected without refugee status, on the last day of the period.",
          "fr": "Personnes protégées sans statut de réfugié, au dernier jour de la période."}, MIGRATION_OFFICE),
        ("unaccompanied_minors", "number", "persons", "",
         {"en": "Unaccompanied minors", "fr": "Mineurs non accompagnés", "es": "Menores no acompañados",
          "ar": "القاصرون غير المصحوبين"},
         {"en": "Asylum-seeking or refugee children without a parent, in the care of the territory.",
          "fr": "Enfants requérants d'asile ou réfugiés sans parent, pris en charge par le territoire."},
         "Child protection services"),
    ]),
    ("diaspora", {"en": "Diaspora abroad", "fr": "Diaspora à l'étranger", "es": "Diáspora en el extranjero",
                  "ar": "المغتربون في الخارج"}, [
        ("diaspora_abroad", "number", "persons", "destination",
         {"en": "Diaspora abroad by country of destination", "fr": "Diaspora à l'étranger par pays de destination",
          "es": "Diáspora en el extranjero por país de destino", "ar": "المغتربون في الخارج حسب بلد المقصد"},
         {"en": "People from the territory living abroad, by country of residence: estimates from consular "
                "registers or from the statistics of the countries of destination.",
          "fr": "Personnes originaires du territoire vivant à l'étranger, par pays de résidence : estimations "
                "des registres consulaires ou des statistiques des pays de destination."},
         "Consular registers; statistics of the countries of destination"),
        ("returning_migrants", "number", "persons", "",
         {"en": "Returning migrants", "fr": "Migrants de retour", "es": "Migrantes retornados",
          "ar": "المهاجرون العائدون"},
         {"en": "People from the territory who came back to live there after living abroad, during the period.",
          "fr": "Personnes originaires du territoire revenues y vivre après un séjour à l'étranger, pendant la "
                "période."}, REGISTER),
        ("diaspora_associations", "number", "associations", "",
         {"en": "Migrant and diaspora associations", "fr": "Associations de migrants et de la diaspora",
          "es": "Asociaciones de migrantes y de la diáspora", "ar": "جمعيات المهاجرين والمغتربين"},
         {"en": "Associations of migrants or of the diaspora active in the territory at the end of the period.",
          "fr": "Associations de migrants ou de la diaspora actives sur le territoire à la fin de la période."},
         "Register of associations; the directory of this platform"),
    ]),
    ("remittances", {"en": "Remittances", "fr": "Transferts de fonds", "es": "Remesas",
                     "ar": "التحويلات المالية"}, [
        ("remittances_sent", "amount", "", "destination",
         {"en": "Remittances sent abroad by country of destination",
          "fr": "Transferts de fonds vers l'étranger par pays de destination",
          "es": "Remesas enviadas al extranjero por país de destino",
          "ar": "التحويلات المرسلة إلى الخارج حسب بلد المقصد"},
         {"en": "Money sent by residents to people abroad during the period (estimate).",
          "fr": "Sommes envoyées par les personnes résidantes à des proches à l'étranger pendant la période "
                "(estimation)."}, "Central bank balance of payments; money transfer operators"),
        ("remittances_received", "amount", "", "",
         {"en": "Remittances received from abroad", "fr": "Transferts de fonds reçus de l'étranger",
          "es": "Remesas recibidas del extranjero", "ar": "التحويلات الواردة من الخارج"},
         {"en": "Money received by residents from people abroad during the period (estimate).",
          "fr": "Sommes reçues par les personnes résidantes de proches à l'étranger pendant la période "
                "(estimation)."}, "Central bank balance of payments; money transfer operators"),
        ("remittance_cost", "percentage", "", "",
         {"en": "Average cost of sending 200 US dollars", "fr": "Coût moyen de l'envoi de 200 dollars US",
          "es": "Costo medio de enviar 200 dólares estadounidenses",
          "ar": "متوسط تكلفة إرسال 200 دولار أمريكي"},
         {"en": "Fees and exchange margin as a percentage of the amount sent, for the main corridors.",
          "fr": "Frais et marge de change en pourcentage du montant envoyé, pour les principaux corridors."},
         "World Bank, Remittance Prices Worldwide"),
    ]),
    ("labour", {"en": "Labour market", "fr": "Marché du travail", "es": "Mercado laboral", "ar": "سوق العمل"}, [
        ("employment_rate_foreign", "percentage", "", "sex",
         {"en": "Employment rate of foreign residents aged 15 to 64",
          "fr": "Taux d'emploi des personnes étrangères de 15 à 64 ans",
          "es": "Tasa de empleo de las personas extranjeras de 15 a 64 años",
          "ar": "معدل التوظيف بين المقيمين الأجانب من 15 إلى 64 عاماً"},
         {"en": "Employed foreign residents aged 15 to 64 divided by all foreign residents of that age.",
          "fr": "Personnes étrangères de 15 à 64 ans ayant un emploi, divisées par toutes les personnes "
                "étrangères de cet âge."}, "Labour force survey"),
        ("unemployment_rate_foreign", "percentage", "", "",
         {"en": "Unemployment rate of foreign residents", "fr": "Taux de chômage des personnes étrangères",
          "es": "Tasa de desempleo de las personas extranjeras", "ar": "معدل البطالة بين المقيمين الأجانب"},
         {"en": "Registered job seekers without work as a share of the foreign labour force.",
          "fr": "Demandeurs d'emploi inscrits sans travail, en part de la population active étrangère."},
         "Public employment service"),
        ("unemployment_rate_nationals", "percentage", "", "",
         {"en": "Unemployment rate of nationals", "fr": "Taux de chômage des nationaux",
          "es": "Tasa de desempleo de los nacionales", "ar": "معدل البطالة بين المواطنين"},
         {"en": "The same rate for the country's citizens, for comparison.",
          "fr": "Le même taux pour les personnes de nationalité du pays, pour comparaison."},
         "Public employment service"),
        ("work_permits", "number", "persons", "nationality",
         {"en": "First work permits by nationality", "fr": "Premières autorisations de travail par nationalité",
          "es": "Primeros permisos de trabajo por nacionalidad", "ar": "تصاريح العمل الأولى حسب الجنسية"},
         {"en": "Work permits granted for the first time during the period.",
          "fr": "Autorisations de travail accordées pour la première fois pendant la période."}, MIGRATION_OFFICE),
    ]),
    ("services", {"en": "Access to services", "fr": "Accès aux services", "es": "Acceso a los servicios",
                  "ar": "الوصول إلى الخدمات"}, [
        ("language_course_participants", "number", "persons", "sex",
         {"en": "Participants in subsidised language courses",
          "fr": "Participants aux cours de langue subventionnés",
          "es": "Participantes en cursos de idiomas subvencionados", "ar": "المشاركون في دورات اللغة المدعومة"},
         {"en": "People who attended at least one publicly funded language course during the period.",
          "fr": "Personnes ayant suivi au moins un cours de langue financé par les pouvoirs publics pendant la "
                "période."}, "Integration office"),
        ("foreign_pupils_share", "percentage", "", "",
         {"en": "Share of pupils of foreign nationality in compulsory school",
          "fr": "Part des élèves de nationalité étrangère à l'école obligatoire",
          "es": "Proporción de alumnos extranjeros en la enseñanza obligatoria",
          "ar": "نسبة التلاميذ الأجانب في التعليم الإلزامي"},
         {"en": "Pupils of foreign nationality divided by all pupils in compulsory school.",
          "fr": "Élèves de nationalité étrangère divisés par l'ensemble des élèves de la scolarité obligatoire."},
         "Education department"),
        ("information_consultations", "number", "consultations", "",
         {"en": "Consultations at reception and information services",
          "fr": "Consultations des services d'accueil et d'information",
          "es": "Consultas en los servicios de acogida e información",
          "ar": "الاستشارات في خدمات الاستقبال والإعلام"},
         {"en": "Visits, calls and messages answered by the reception and information services for newcomers.",
          "fr": "Visites, appels et messages traités par les services d'accueil et d'information des "
                "primo-arrivants."}, "Reception services' activity reports"),
        ("interpreting_hours", "number", "hours", "",
         {"en": "Hours of community interpreting", "fr": "Heures d'interprétariat communautaire",
          "es": "Horas de interpretación comunitaria", "ar": "ساعات الترجمة الشفوية المجتمعية"},
         {"en": "Hours of interpreting provided in health, social and school settings.",
          "fr": "Heures d'interprétariat fournies dans les domaines de la santé, du social et de l'école."},
         "Interpreting services"),
        ("integration_budget", "amount", "", "",
         {"en": "Public spending on integration measures", "fr": "Dépenses publiques pour l'intégration",
          "es": "Gasto público en medidas de integración", "ar": "الإنفاق العام على تدابير الإدماج"},
         {"en": "Spending of the territory's authorities on specific integration measures during the period.",
          "fr": "Dépenses des autorités du territoire pour les mesures spécifiques d'intégration pendant la "
                "période."}, "Public accounts"),
    ]),
]


def _translations(texts_by_field: dict[str, dict[str, str]]) -> dict:
    """{"fr": {"label": ..., "definition": ...}} from {"label": {"en": ..., "fr": ...}, ...} (English is the text)."""
    translations = {}
    for field, texts in texts_by_field.items():
        for language, text in texts.items():
            if language != "en" and text:
                translations.setdefault(language, {})[field] = text
    return translations


def install(ProfileTemplate, Section, Indicator):
    """Create the template unless it exists; takes the model classes so a migration can pass its own."""
    if ProfileTemplate.objects.filter(code=CODE, version=VERSION).exists():
        return ProfileTemplate.objects.get(code=CODE, version=VERSION)
    template = ProfileTemplate.objects.create(
        code=CODE, version=VERSION, country_code="", name=NAME["en"], description=DESCRIPTION["en"],
        content_language="en", translations=_translations({"name": NAME, "description": DESCRIPTION}))
    for section_order, (section_code, title, indicators) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(template=template, code=section_code, title=title["en"],
                                         order=section_order, content_language="en",
                                         translations=_translations({"title": title}))
        for order, (code, kind, unit, breakdown, label, definition, source) in enumerate(indicators, start=1):
            units = UNITS.get(unit, {})
            Indicator.objects.create(
                template=template, section=section, code=code, kind=kind, unit=units.get("en", ""),
                breakdown=breakdown, label=label["en"], definition=definition["en"], preferred_source=source,
                order=order, content_language="en",
                translations=_translations({"label": label, "definition": definition, "unit": units}))
    return template
