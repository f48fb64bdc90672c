"""Demo good practices, told in Corridor's own words from facts in the source documents users know:
the canton of Vaud's integration policy and the Switzerland–Africa dialogue in Geneva (seed 002), the
Tuscany–Kasserine partnership and the South-South exchange between Ecuador and Costa Rica (seed 004),
and Athens' council of migrant communities and coordination centre (seed 003). They are published, in
English, French, Spanish or Arabic. A sixth, fictional like the directory's demo, waits in review: written
by the member of a Lausanne association, for the Vaud administrator to review. Loading it again changes
nothing."""
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from corridor.directory.models import Organisation, TaxonomyTerm
from corridor.territories.models import Territory

from .models import GoodPractice

PUBLISHED, REVIEW = GoodPractice.Status.PUBLISHED, GoodPractice.Status.REVIEW

PRACTICES = [
    {
        "uuid": uuid.UUID("0b7d2f4e-5a51-4c8e-9a1f-3d6e2b1c7a01"),
        "content_language": "en",
        "title": "Migrants oversee their canton's integration programme (Vaud)",
        "organisation_kind": "local-authority",
        "country_code": "CH",
        "region": "Canton of Vaud",
        "dynamics": "A destination canton whose integration policy builds on existing civil-society structures. A "
                    "federal law of 2007 on the integration of foreigners and the prevention of racism asked each of "
                    "the 26 cantons to turn objectives shared across Switzerland into a programme of its own.",
        "objectives": "Make equality in social, economic and cultural life the aim of integration for everyone who "
                      "lives in the canton, and let migrants oversee the programme that is meant for them.",
        "activities": "The cantonal integration office (BIC) runs a four-year programme under three headings: "
                      "information and counselling; education and employment; communication and social "
                      "integration.\n\nAssociations, diaspora organisations among them, help write the information "
                      "given on arrival, take part in counselling, teach languages and go with newcomers to public "
                      "offices, with interpreters. Every year the office maps the initiatives it supports and opens "
                      "a call for projects that associations answer.",
        "outputs": "An information document for newcomers translated into 12 languages, and a website; integration "
                   "counsellors in each of the office's regions; a four-year cantonal programme carried out from "
                   "2014; a call for projects every year, open to associations.",
        "success_factors": "Civil society and diaspora organisations take part in almost every step, from the "
                           "information on arrival to counselling. The migrants' committee is independent of the "
                           "office that carries out the programme.",
        "coordination": "The BIC coordinates the programme and funds projects. The Canton-level Immigrants "
                        "Consultative Committee (CCCI), chaired by the cantonal Commissioner for Integration, brings "
                        "together representatives of the largest migrant communities, advises the authorities and "
                        "gives its opinion on draft laws.",
        "partners": "Swiss Confederation (framework and shared objectives); associations and diaspora "
                    "organisations; anti-racism organisations.",
        "period": "From 2014, in four-year programmes",
        "sources": "JMDI training module on services for migrants, module 3: case study “The integration policy of "
                   "the Canton of Vaud”; topic 3, “A consultative body to have an influence on local institutions in "
                   "Vaud”.",
        "terms": {"phase": ["destination"], "category": ["information", "language", "anti-discrimination",
                                                         "community"], "target_group": ["everyone", "diaspora"]},
        "sectors": ["governance", "social-inclusion"],
        "sdg_targets": ["10.7", "16.7"],
        "organisations": ["Bureau cantonal pour l'intégration (démo)",
                          "Fédération des associations de migrants de Vaud"],
        "territories": ["ch/vaud/"],
        "translations": {"fr": {
            "title": "Les migrants supervisent le programme d'intégration de leur canton (Vaud)",
            "region": "Canton de Vaud",
            "objectives": "Faire de l'égalité dans la vie sociale, économique et culturelle le but de l'intégration "
                          "pour toute personne qui vit dans le canton, et confier aux migrants la supervision du "
                          "programme qui leur est destiné.",
            "activities": "Le Bureau cantonal pour l'intégration (BIC) conduit un programme de quatre ans en trois "
                          "volets : information et conseil ; formation et emploi ; communication et intégration "
                          "sociale.\n\nLes associations, dont celles de la diaspora, participent à l'information "
                          "donnée à l'arrivée et au conseil, donnent des cours de langue et accompagnent les "
                          "nouveaux arrivants auprès des services publics, avec des interprètes. Chaque année, le "
                          "bureau recense les initiatives qu'il soutient et lance un appel à projets.",
            "outputs": "Un document d'information pour les nouveaux arrivants traduit en 12 langues, et un site "
                       "web ; des conseillers en intégration dans chacune des régions du bureau ; un programme "
                       "cantonal de quatre ans mis en œuvre dès 2014 ; un appel à projets chaque année, ouvert aux "
                       "associations.",
            "coordination": "Le BIC coordonne le programme et finance des projets. La Chambre cantonale consultative "
                            "des immigrés (CCCI), présidée par le délégué cantonal à l'intégration, réunit des "
                            "représentants des plus grandes communautés migrantes, conseille les autorités et donne "
                            "son avis sur les projets de loi.",
            "period": "Depuis 2014, par programmes de quatre ans",
        }},
    },
    {
        "uuid": uuid.UUID("0b7d2f4e-5a51-4c8e-9a1f-3d6e2b1c7a02"),
        "content_language": "fr",
        "title": "Le Dialogue Suisse–Afrique, né de l'idée d'un représentant des migrants (Genève)",
        "organisation_kind": "local-authority",
        "country_code": "CH",
        "region": "Canton de Genève",
        "dynamics": "À la fin des années 1990, la migration prend de l'importance dans le débat public partout en "
                    "Europe. Genève réunit alors l'État et des acteurs non étatiques dans une fondation ad hoc "
                    "consacrée à la gestion des migrations.",
        "objectives": "Donner aux communautés migrantes une voix dans les discussions sur la migration et ouvrir "
                      "des partenariats avec la diaspora africaine.",
        "activities": "En 1997, le chef du Département de l'intérieur (justice et police) nomme, avec ses collègues "
                      "de l'exécutif, des représentants des communautés migrantes aux discussions de la fondation. "
                      "L'un d'eux propose d'en faire un rendez-vous régulier : le Dialogue Suisse–Afrique, que les "
                      "autorités genevoises et plusieurs organisations internationales soutiennent rapidement.",
        "outputs": "18 représentants des migrants nommés en 1997 ; une 10e édition du Dialogue tenue à Genève en "
                   "2013 ; le programme « Podium pour l'Afrique » lancé à cette occasion pour nouer des partenariats "
                   "avec la diaspora.",
        "success_factors": "L'idée vient d'un représentant des migrants et les autorités la reprennent ; des "
                           "organisations internationales présentes à Genève la soutiennent.",
        "coordination": "Une fondation ad hoc qui réunit l'État et des acteurs non étatiques autour de la gestion des "
                        "migrations.",
        "partners": "Autorités genevoises ; organisations internationales ; associations de la diaspora africaine.",
        "period": "Depuis 1997",
        "sources": "Module de formation de la JMDI sur les services aux migrants, module 3, thème 3 : « The "
                   "Switzerland–Africa dialogue event ».",
        "terms": {"phase": ["destination"], "category": ["community"], "target_group": ["diaspora"]},
        "sectors": ["governance", "social-inclusion"],
        "sdg_targets": ["10.7", "17.17"],
        "organisations": [],
        "territories": ["ch/"],
        "translations": {"en": {
            "title": "The Switzerland–Africa Dialogue, born of a migrant representative's idea (Geneva)",
            "region": "Canton of Geneva",
            "objectives": "Give migrant communities a voice in discussions on migration and open partnerships with "
                          "the African diaspora.",
            "activities": "In 1997 the head of Geneva's Department of the Interior (justice and police), with his "
                          "colleagues of the executive, appointed representatives of migrant communities to the "
                          "foundation's discussions. One of them proposed to make it a regular event: the "
                          "Switzerland–Africa Dialogue, which the Geneva authorities and several international "
                          "organisations soon supported.",
            "outputs": "18 migrant representatives appointed in 1997; a 10th edition of the Dialogue held in Geneva "
                       "in 2013; the “Podium for Africa” programme launched there to build partnerships with the "
                       "diaspora.",
            "period": "Since 1997",
        }},
    },
    {
        "uuid": uuid.UUID("0b7d2f4e-5a51-4c8e-9a1f-3d6e2b1c7a03"),
        "content_language": "en",
        "title": "Tunisian women in Tuscany lead maternal health campaigns in Kasserine",
        "organisation_kind": "local-authority",
        "country_code": "TN",
        "region": "Governorate of Kasserine, with the Region of Tuscany (Italy)",
        "dynamics": "A large Tunisian community lives in Tuscany, students among them. The two regions signed a "
                    "memorandum of understanding and built a decentralised cooperation partnership that relies on "
                    "this community.",
        "objectives": "Make child and maternal health programmes in marginalised areas of Tunisia work better, by "
                      "involving women and the health systems of both Tunisia and Italy.",
        "activities": "Tunisian women living in Tuscany became the key actors of awareness and information "
                      "campaigns on maternal and child health, aimed at women and women's associations in Kasserine, "
                      "who passed the information on to their families and community.\n\nTwo associations whose "
                      "members teach at the University of Florence mapped the Tunisian students in Tuscany, their "
                      "backgrounds, needs and potential, to involve them in the project.",
        "outputs": "About 100 Tunisian students at the University of Florence identified, some of whom later took "
                   "part in the project; health campaigns carried by Tunisian women of Tuscany to women's "
                   "associations in Kasserine; a social and health system strengthened in the governorate.",
        "success_factors": "Women of the diaspora know both health systems and speak to women in Kasserine in their "
                           "own language; their messages travel on through families and local associations.",
        "coordination": "A memorandum of understanding between the two regional governments, and a project "
                        "supporting the health system of the Governorate of Kasserine.",
        "partners": "Region of Tuscany; Governorate of Kasserine; the Tunisian community in Tuscany; Tunisian Red "
                    "Crescent (Kasserine delegation); Regional Hospital of Kasserine; the associations Pontes and "
                    "Nosotras; EuroAfrican Partnership; JMDI.",
        "sources": "JMDI and partners, guidelines on migration-related decentralised cooperation (2017), examples 6 "
                   "and 18.",
        "terms": {"phase": [], "category": ["health", "family"], "target_group": ["women", "diaspora"]},
        "sectors": ["health"],
        "sdg_targets": ["3.1", "3.2", "17.17"],
        "organisations": [],
        "territories": [],
        "translations": {
            "fr": {
                "title": "Des Tunisiennes de Toscane mènent des campagnes de santé maternelle à Kasserine",
                "region": "Gouvernorat de Kasserine, avec la Région de Toscane (Italie)",
                "objectives": "Rendre plus efficaces les programmes de santé maternelle et infantile dans les zones "
                              "marginalisées de Tunisie, en impliquant les femmes et les systèmes de santé tunisien "
                              "et italien.",
                "outputs": "Environ 100 étudiants tunisiens de l'Université de Florence identifiés, dont certains ont "
                           "ensuite participé au projet ; des campagnes de santé menées par des Tunisiennes de "
                           "Toscane auprès des associations de femmes de Kasserine ; un système social et sanitaire "
                           "renforcé dans le gouvernorat.",
            },
            "ar": {
                "title": "نساء تونسيات في توسكانا يقُدن حملات للتوعية بصحة الأم والطفل في القصرين",
                "region": "ولاية القصرين، بالشراكة مع إقليم توسكانا (إيطاليا)",
                "objectives": "تحسين فعالية برامج صحة الأم والطفل في المناطق المهمشة في تونس، بإشراك النساء "
                              "والمنظومتين الصحيتين في تونس وإيطاليا.",
                "activities": "أصبحت نساء تونسيات مقيمات في توسكانا الفاعلات الرئيسيات في حملات توعية وإعلام حول "
                              "صحة الأم والطفل، موجّهة إلى النساء والجمعيات النسائية في القصرين، اللواتي نقلن "
                              "المعلومات بدورهن إلى أسرهن ومجتمعهن.",
                "outputs": "تحديد نحو 100 طالب تونسي في جامعة فلورنسا شارك بعضهم لاحقًا في المشروع؛ حملات صحية "
                           "قادتها نساء تونسيات من توسكانا لفائدة الجمعيات النسائية في القصرين.",
            },
        },
    },
    {
        "uuid": uuid.UUID("0b7d2f4e-5a51-4c8e-9a1f-3d6e2b1c7a04"),
        "content_language": "en",
        "title": "A council of migrant communities and a coordination centre for refugee support (Athens)",
        "organisation_kind": "local-authority",
        "country_code": "GR",
        "region": "Athens",
        "dynamics": "From 2015 Athens, like other European cities, saw an unexpected number of people arrive, many "
                    "in transit through Greece. Many NGOs and volunteer groups started helping them without telling "
                    "the municipality, which led to duplicated help and misinformation.",
        "objectives": "Know who does what for migrants and refugees in the city, avoid duplicated or contradictory "
                      "help, and let migrant communities say what they need.",
        "activities": "In 2011 the city created a Migrant Integration Council with migrant communities, to map "
                      "migrants' needs and the services that answer them. The municipality later set up the Athens "
                      "Coordination Centre for Refugees and Migrants, which brings together grassroots, national and "
                      "international organisations and municipal agencies and keeps track of every local initiative. "
                      "Through the “Open Schools” initiative, NGOs teach languages in public classrooms, in "
                      "coordination with the authorities.",
        "outputs": "A Migrant Integration Council of 6 migrant communities, created in 2011; one coordination centre "
                   "where grassroots, national and international organisations and municipal agencies keep track of "
                   "all local initiatives.",
        "obstacles": "Councils of this kind usually only advise: civil society organisations say they are not part "
                     "of decisions, and lack the resources to take part in technical discussions.",
        "coordination": "The coordination centre brings every actor together and keeps the list of local "
                        "initiatives; the council carries migrant communities' views to the city.",
        "partners": "Municipality of Athens; grassroots groups; national and international NGOs.",
        "sources": "Mediterranean City-to-City Migration (MC2CM), thematic paper “Building trust through "
                   "strengthened cooperation: the role of civil society in the urban governance of migration”, "
                   "peer-learning event in Sfax, 25–26 June 2019; OECD (2018), Working Together for Local "
                   "Integration of Migrants and Refugees in Athens.",
        "terms": {"phase": ["destination"], "category": ["information", "community", "language"],
                  "target_group": ["refugees", "asylum-seekers"]},
        "sectors": ["governance", "humanitarian"],
        "sdg_targets": ["10.7", "16.7"],
        "organisations": [],
        "territories": [],
        "translations": {"es": {
            "title": "Un consejo de comunidades migrantes y un centro de coordinación de la ayuda a los refugiados "
                     "(Atenas)",
            "region": "Atenas",
            "objectives": "Saber quién hace qué por los migrantes y refugiados en la ciudad, evitar ayudas duplicadas "
                          "o contradictorias y permitir que las comunidades migrantes expresen sus necesidades.",
            "activities": "En 2011 la ciudad creó un Consejo de Integración de Migrantes con comunidades migrantes "
                          "para identificar sus necesidades y los servicios que las atienden. Después, el municipio "
                          "abrió el Centro de Coordinación para Refugiados y Migrantes de Atenas, que reúne a "
                          "organizaciones de base, nacionales e internacionales y a servicios municipales y lleva la "
                          "cuenta de todas las iniciativas locales.",
            "outputs": "Un Consejo de Integración de Migrantes de 6 comunidades, creado en 2011; un centro de "
                       "coordinación donde organizaciones y servicios municipales registran todas las iniciativas "
                       "locales.",
        }},
    },
    {
        "uuid": uuid.UUID("0b7d2f4e-5a51-4c8e-9a1f-3d6e2b1c7a05"),
        "content_language": "es",
        "title": "Cooperación Sur-Sur entre Imbabura, Pichincha y Upala para acoger a las personas en movilidad "
                 "humana",
        "organisation_kind": "local-authority",
        "country_code": "EC",
        "region": "Provincias de Imbabura y Pichincha, con el municipio de Upala (Costa Rica)",
        "dynamics": "Ecuador y Costa Rica acogen a personas en situación de movilidad humana, entre ellas "
                    "refugiados. Ecuador promueve sistemas de desarrollo local integrados en una gobernanza "
                    "multinivel.",
        "objectives": "Intercambiar experiencias entre gobiernos locales sobre la acogida y la inserción social, "
                      "productiva y cultural de las personas en movilidad humana, con especial atención a las más "
                      "vulnerables.",
        "activities": "Un proyecto de cooperación Sur-Sur apoyado por la JMDI: reuniones con varios departamentos de "
                      "gobierno para compartir las estrategias que refuerzan las capacidades laborales, productivas "
                      "y sociales en favor de los derechos de las personas migrantes, con la participación de actores "
                      "locales y de otros niveles de gobierno.",
        "outputs": "2 provincias ecuatorianas y 1 municipio costarricense trabajando juntos desde 2015; un acuerdo "
                   "de cooperación firmado entre Costa Rica y Ecuador que fija campos de acción, intercambio y "
                   "trabajo conjunto.",
        "success_factors": "El conocimiento circula en ambos sentidos, entre pares del Sur, y los gobiernos locales "
                           "amplían su mirada sobre la movilidad humana como fuerza de desarrollo local.",
        "partners": "Gobiernos provinciales de Imbabura y Pichincha; municipio de Upala; JMDI.",
        "period": "Desde 2015",
        "sources": "JMDI y socios, directrices sobre cooperación descentralizada y migración (2017), ejemplo 25; "
                   "proyecto «Acogida, desarrollo y fortalecimiento sostenible para la inserción social, productiva "
                   "y cultural de las personas en situación de movilidad humana».",
        "terms": {"phase": ["destination"], "category": ["community", "social-protection"],
                  "target_group": ["refugees"]},
        "sectors": ["governance", "social-inclusion"],
        "sdg_targets": ["10.7", "17.6"],
        "organisations": [],
        "territories": [],
        "translations": {"en": {
            "title": "South-South cooperation between Imbabura, Pichincha and Upala to welcome people on the move",
            "region": "Provinces of Imbabura and Pichincha, with the municipality of Upala (Costa Rica)",
            "objectives": "Exchange experience between local governments on welcoming people on the move and on "
                          "their social, economic and cultural inclusion, with particular attention to the most "
                          "vulnerable.",
            "outputs": "2 Ecuadorian provinces and 1 Costa Rican municipality working together since 2015; a "
                       "cooperation agreement signed between Costa Rica and Ecuador setting common fields of action, "
                       "exchange and joint work.",
            "period": "Since 2015",
        }},
    },
]

# Fictional, like the directory's organisations: a practice its writer has submitted for review.
IN_REVIEW = {
    "uuid": uuid.UUID("0b7d2f4e-5a51-4c8e-9a1f-3d6e2b1c7a06"),
    "content_language": "fr",
    "title": "Cours de français à bas seuil donnés par des bénévoles formés (démo)",
    "organisation_kind": "cso",
    "country_code": "CH",
    "region": "Lausanne",
    "objectives": "Permettre aux nouveaux arrivants de commencer le français dès leurs premières semaines, sans "
                  "inscription ni frais.",
    "activities": "Des bénévoles formés donnent des cours en petits groupes, le soir et le samedi, dans des salles "
                  "prêtées par la commune ; une garde d'enfants est assurée pendant les cours.",
    "outputs": "Chiffres fictifs de démonstration : 14 bénévoles formés et 120 participants par an.",
    "sources": "Données de démonstration de Corridor.",
    "terms": {"phase": ["destination"], "category": ["language"], "target_group": ["everyone"]},
    "sectors": ["education"],
    "sdg_targets": ["4.6"],
    "organisations": ["Association Langues pour tous"],
    "territories": ["ch/vaud/lausanne/"],
    "translations": {},
}


@transaction.atomic
def load(stdout=None):
    """Needs the directory's demo (its territories, organisations and accounts) to be loaded first."""
    practices = [_practice(fields, PUBLISHED) for fields in PRACTICES]
    writer = get_user_model().objects.filter(username="lausanne-cso").first()
    practices.append(_practice(IN_REVIEW, REVIEW, created_by=writer))
    if stdout:
        stdout.write(f"Demo library: /en/library/ ({len(practices) - 1} published good practices, one in review "
                     "for vaud/vaud).")
    return practices


def _practice(fields: dict, status: str, created_by=None) -> GoodPractice:
    fields = dict(fields)
    links = {name: fields.pop(name) for name in ("terms", "organisations", "territories")}
    now = timezone.now()
    practice, created = GoodPractice.objects.get_or_create(uuid=fields.pop("uuid"), defaults={
        **fields, "status": status, "created_by": created_by,
        "translation_status": dict.fromkeys(fields["translations"], PUBLISHED),
        "submitted_at": now, "published_at": now if status == PUBLISHED else None})
    if created:
        practice.terms.set(TaxonomyTerm.objects.filter(_wanted(links["terms"])))
        practice.organisations.set(Organisation.objects.filter(name__in=links["organisations"]))
        practice.territories.set(Territory.objects.filter(path__in=links["territories"]))
    return practice


def _wanted(terms: dict) -> Q:
    query = Q(pk__in=[])
    for vocabulary, codes in terms.items():
        query |= Q(vocabulary=vocabulary, code__in=codes)
    return query
