"""Demo learning module "Services along the migration cycle", written for Corridor after the facts of
the training module on services for migrants (seed 002), shipped as Markdown in demo_modules/module-services/
and imported through the importer like any module. Its two case studies are good practices of the
library, created here under fixed ids when they are missing. A cohort of the canton of Vaud follows
it: the member of a Lausanne association has read a topic and answered a point, and the Vaud
administrator facilitates. Loading it again changes nothing."""
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from corridor.directory.models import TaxonomyTerm
from corridor.library import search
from corridor.library.models import GoodPractice

from . import markdown_import, participation
from .models import Cohort

FOLDER = Path(__file__).resolve().parent / "demo_modules" / "module-services"
COHORT = "Vaud integration delegates (demo)"

# Distinct titles from the library's own demo: these practices are told for the module.
CASE_STUDIES = [
    {
        "uuid": uuid.UUID("4756a319-172c-4bee-a5d9-b97c32e4fe2c"),
        "title": "Mobile vocational training in villages of origin (South-eastern Myanmar)",
        "translations": {"fr": {"title": "Formation professionnelle mobile dans les villages d'origine "
                                         "(sud-est du Myanmar)"}},
        "organisation_kind": "international",
        "country_code": "MM",
        "region": "Two states of South-eastern Myanmar",
        "dynamics": "Large numbers of people leave both states to work in Thailand, most of them from rural areas "
                    "with little access to vocational training.",
        "objectives": "Give people in villages skills and certificates that improve their chances of work at home "
                      "and the quality of their jobs if they migrate.",
        "activities": "Mobile vocational training delivered at village and township level, with curricula developed "
                      "together with existing schools and institutions, in coordination with state-level "
                      "authorities and local NGOs.",
        "outputs": "Mobile vocational training set up in 2 states, delivered at village and township level.",
        "success_factors": "Training goes to the people instead of asking them to leave their village; it builds on "
                           "existing institutional structures.",
        "coordination": "The local vocational training component works closely with the state authorities and "
                        "local NGOs.",
        "partners": "Swiss Agency for Development and Cooperation (funder), Swisscontact (implementer), IOM "
                    "(partner of the mobile training component).",
        "period": "From 2014",
        "sources": "Joint Migration and Development Initiative (2015), training module 3, topic 2.",
        "terms": [("phase", "pre-departure"), ("category", "education"), ("category", "employment"),
                  ("channel", "mobile"), ("target_group", "labour-migrants")],
    },
    {
        "uuid": uuid.UUID("9862622f-8fb0-4389-b02b-d5746fe10667"),
        "title": "A free telephone line answering migrants in eight languages (Lombardy, Italy)",
        "translations": {"fr": {"title": "Une ligne téléphonique gratuite qui répond aux migrants en huit langues "
                                         "(Lombardie, Italie)"}},
        "organisation_kind": "local-authority",
        "country_code": "IT",
        "region": "Lombardy",
        "dynamics": "In Italy the regions legislate on social services, assistance and integration, and have "
                    "created their own services for migrants.",
        "objectives": "Tell migrants where to go and what to do about their residence permit, work, social rights, "
                      "studies, citizenship, family reunification and asylum.",
        "activities": "A free telephone service, Telefono Mondo, answering in Albanian, Romanian, Arabic, French, "
                      "English, Chinese, Spanish and Urdu. It also answers questions on migration from public "
                      "service staff, social services, associations and employers.",
        "outputs": "One free number answering in 8 languages, for migrants and for the professionals who serve them.",
        "success_factors": "Answers in the languages people speak; serves the professionals around migrants as well "
                           "as migrants themselves.",
        "sources": "Joint Migration and Development Initiative (2015), training module 3, topic 2.",
        "website": "http://www.telefonomondo.it/",
        "terms": [("phase", "destination"), ("category", "information"), ("channel", "phone"),
                  ("target_group", "everyone")],
    },
]


@transaction.atomic
def load(stdout=None):
    """Needs the directory's demo (its accounts) to be loaded first."""
    for fields in CASE_STUDIES:
        _practice(fields)
    module = markdown_import.import_directory(FOLDER)
    User = get_user_model()
    facilitator, learner = User.objects.get(username="vaud"), User.objects.get(username="lausanne-cso")
    cohort, _ = Cohort.objects.get_or_create(module=module, name=COHORT)
    cohort.facilitators.add(facilitator)
    enrolment = participation.enrol(module, learner, cohort)
    first = module.topics.get(number=1)
    participation.mark_read(enrolment, first)
    participation.answer(enrolment, first.points.first(), (
        "Au Centro Lusitano, les familles revenues du Portugal parlent volontiers de leur expérience aux jeunes "
        "qui hésitent à partir. Une émission sur la radio locale en portugais toucherait beaucoup de monde."))
    if stdout:
        stdout.write(f"Demo learning module: /en/learning/{module.slug}/ ({module.topics.count()} topics, "
                     "cohort facilitated by vaud/vaud, learner lausanne-cso/lausanne-cso).")
    return module


def _practice(fields: dict) -> GoodPractice:
    fields = dict(fields)
    terms = fields.pop("terms")
    practice, created = GoodPractice.objects.get_or_create(
        uuid=fields.pop("uuid"), defaults={**fields, "content_language": "en", "status": GoodPractice.Status.PUBLISHED,
                                           "published_at": timezone.now()})
    if created:
        practice.terms.set([TaxonomyTerm.objects.get(vocabulary=vocabulary, code=code) for vocabulary, code in terms])
        search.reindex(practice)
    return practice
