"""Several territories share one site: what is not public in one never shows to the people of another.

Territory A (Vaud, where Caritas Vaud works) gets non-public records of every app, each named with a marker.
Then territory B's administrator, B's organisation member and a visitor request every page and API endpoint
of the site, found by walking the URL patterns: lists with and without A's territory as a filter, details,
exports (CSV, PDF, XLSX, IATI, ZIP) and API endpoints with A's ids, uuids and slugs filled in. No answer may
contain a marker, nor fail; a page about one of A's non-public records must refuse (403/404/redirect).
New apps are covered as soon as their URLs and records exist: add their non-public records below."""
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

MARK = "Zqx7"  # in the name of every non-public record
# Path parameters that are filled from no record, and the values tried.
DEFAULTS = {"fmt": ["pdf", "docx", "html"], "format": ["json", "csv"], "extension": ["json"], "language": ["fr"],
            "action": ["publish"], "number": [1], "point": [1], "code": ["phase", "category"]}
# Capability links: whoever holds the token is its addressee; they are not guessed by other territories.
NOT_FILLED = {"token"}
REFUSED = {302, 400, 401, 403, 404, 405, 410}
# Pages that answer about a non-public record to whoever holds its random uuid, by design (and show nothing of it).
CAPABILITY_PAGES = {
    "consultations:contributed": "the confirmation after sending a contribution: its status, nothing of its text",
}


@dataclass
class Record:
    obj: object
    public: bool


def _name(kind: str) -> str:
    return f"{MARK} secret {kind}"  # searching for "secret" must not find it; the marker is never typed in


@pytest.fixture
def territory_a(users, territories, organisations, make_service):
    """Non-public records of territory A, by app; returns them with a few public parents (for URLs)."""
    records = []

    def add(obj, public=False):
        records.append(Record(obj, public))
        return obj

    caritas, vaud, lausanne = organisations["caritas"], territories["vaud"], territories["lausanne"]
    member, admin = users["caritas"], users["vaud_admin"]
    now = timezone.now()

    # The directory is public (organisations and services, verified or not): its pages are read for markers only.
    add(caritas, public=True)
    service = add(make_service(caritas, "Permanence juridique", "Conseils gratuits."), public=True)
    add(vaud, public=True)

    # Consultations: a draft, one for invited participants, and in a public one the contributions waiting for
    # moderation or rejected, an unpublished report, the participants' addresses.
    from corridor.consultations.models import Consultation, Contribution, Participant, Question, Report
    add(Consultation.objects.create(slug="zqx-draft", title=_name("DraftConsultation"), content_language="fr",
                                    territory=lausanne, status=Consultation.Status.DRAFT, languages=["fr"]))
    invited = add(Consultation.objects.create(
        slug="zqx-invited", title=_name("InvitedConsultation"), content_language="fr", territory=lausanne,
        status=Consultation.Status.OPEN, visibility=Consultation.Visibility.INVITED, languages=["fr"],
        opens_at=now - timedelta(days=1)))
    Question.objects.create(consultation=invited, number=1, text=_name("InvitedQuestion"))
    public = add(Consultation.objects.create(
        slug="zqx-public", title="Accueil des nouveaux arrivants", content_language="fr", territory=lausanne,
        status=Consultation.Status.OPEN, languages=["fr"], opens_at=now - timedelta(days=1)), public=True)
    Question.objects.create(consultation=public, number=1, text="Qu'est-ce qui aide?")
    for status in (Contribution.Status.PENDING, Contribution.Status.REJECTED):
        add(Contribution.objects.create(
            consultation=public, author_name=_name(f"Author{status}"), author_email="zqx7@example.org",
            language="fr", body=f"<p>{_name(status)}</p>", body_text=_name(status), fingerprint=status,
            status=status))
    add(Participant.objects.create(consultation=public, email=f"{MARK}participant@example.org",
                                   name=_name("Participant")))
    add(Report.objects.create(consultation=public, version=1, status=Report.Status.READY, data={}))

    # Coordination: a draft call, proposals not accepted, an overlap decision.
    from corridor.coordination.models import Call, OverlapReview, Proposal
    add(Call.objects.create(territory=vaud, title=_name("DraftCall"), budget=Decimal("1000"), content_language="fr",
                            deadline=now + timedelta(days=30), created_by=admin))
    open_call = add(Call.objects.create(territory=vaud, title="Appel ouvert", budget=Decimal("1000"),
                                        content_language="fr", deadline=now + timedelta(days=30),
                                        status=Call.Status.OPEN), public=True)
    for status in (Proposal.Status.DRAFT, Proposal.Status.SUBMITTED):
        add(Proposal.objects.create(call=open_call, organisation=caritas, title=_name(f"Proposal{status}"),
                                    summary=_name("ProposalSummary"), requested_amount=Decimal("10"),
                                    status=status, content_language="fr", submitted_by=member))
    add(OverlapReview.objects.create(territory=vaud, first="service:1", second="service:2", decision="intended",
                                     note=_name("OverlapNote"), reviewed_by=admin))

    # Library: practices in draft and in review.
    from corridor.library.models import GoodPractice
    for status in (GoodPractice.Status.DRAFT, GoodPractice.Status.REVIEW):
        practice = add(GoodPractice.objects.create(title=_name(f"Practice{status}"), status=status,
                                                   content_language="fr", created_by=member))
        practice.organisations.add(caritas)
        practice.territories.add(lausanne)

    # Learning: a draft module (its points for reflection are a consultation for invited participants) and a
    # cohort of a published one.
    from corridor.learning.models import Cohort, Module
    reflection = add(Consultation.objects.create(
        slug="zqx-reflection", title=_name("Reflection"), kind=Consultation.Kind.REFLECTION, content_language="fr",
        visibility=Consultation.Visibility.INVITED, status=Consultation.Status.OPEN))
    add(Module.objects.create(slug="zqx-module", title=_name("DraftModule"), reflection=reflection,
                              content_language="fr"))
    published = add(Module.objects.create(
        slug="zqx-published", title="Accueillir", status=Module.Status.PUBLISHED, content_language="fr",
        reflection=Consultation.objects.create(slug="zqx-published-points", title="Points", content_language="fr",
                                               kind=Consultation.Kind.REFLECTION,
                                               visibility=Consultation.Visibility.INVITED)), public=True)
    add(Cohort.objects.create(module=published, name=_name("Cohort")))

    # Migration profiles: a draft.
    from corridor.profiles import default_template
    from corridor.profiles.models import Profile, ProfileTemplate
    template = ProfileTemplate.objects.get(code=default_template.CODE, version=default_template.VERSION)
    add(Profile.objects.create(template=template, territory=lausanne, period_start=date(2025, 1, 1),
                               period_end=date(2025, 12, 31), summary=_name("DraftProfile"), content_language="fr"))

    # Diaspora: a draft project.
    from corridor.diaspora.models import Project
    add(Project.objects.create(territory=lausanne, title=_name("DraftProject"), description=_name("ProjectText"),
                               kind=Project._meta.get_field("kind").choices[0][0],
                               sector=Project._meta.get_field("sector").choices[0][0], content_language="fr"))

    # Partnerships: one that is not public, with a contact person.
    from corridor.partnerships.models import ContactPerson, Partnership, PartnershipSide
    partnership = add(Partnership.objects.create(title=_name("Partnership"), aim=_name("Aim"), content_language="fr"))
    side = PartnershipSide.objects.create(partnership=partnership, territory=lausanne, signatory_name=_name("Signatory"))
    ContactPerson.objects.create(side=side, name=_name("Contact"))

    # Preparedness: a register of people to contact in a crisis, a plan that is not public, an incident.
    from corridor.preparedness.models import ContactRegister, ContingencyPlan, Incident
    # (an open register's sign-up page is public by design: this one is closed)
    register = add(ContactRegister.objects.create(organisation=caritas, name=_name("Register"), content_language="fr",
                                                  is_open=False))
    add(ContingencyPlan.objects.create(organisation=caritas, title=_name("Plan"),
                                       content_language="fr"))
    add(Incident.objects.create(register=register, kind=Incident._meta.get_field("kind").choices[0][0],
                                title=_name("Incident"), message=_name("Message"), opened_at=now,
                                content_language="fr"))
    from corridor.preparedness.models import ConsentText, ContactEntry, Locality
    locality = Locality.objects.create(organisation=caritas, territory=lausanne, name="Prélaz")
    consent = ConsentText.objects.create(register=register, version=1, text="Consentement", content_language="fr")
    add(ContactEntry.objects.create(register=register, name=_name("Person"), contact="+41790000000",
                                    contact_index="zqx", locality=locality, consent=consent, consented_at=now,
                                    consent_method=ContactEntry._meta.get_field("consent_method").choices[0][0]))

    # Referrals: a person referred from Caritas to a service.
    from corridor.referrals.models import Consent, Referral
    consent = Consent.objects.create(language="fr", text="J'accepte.")
    add(Referral.objects.create(territory=lausanne, sender=caritas, service=service, need="legal", consent=consent,
                                reference=_name("Reference"), name=_name("ReferredPerson"),
                                reason=_name("Reason"), sent_by=member))
    return records


def url_patterns(patterns=None, namespace=""):
    """(name, path parameters, app of its view) of every named URL pattern of the site."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace and namespace else \
                pattern.namespace or namespace
            for name, parameters, app in url_patterns(pattern.url_patterns, inner):
                yield name, {*re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern)), *parameters}, app
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = pattern.callback.__module__.split(".")
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name,
                   set(re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))) | set(pattern.pattern.regex.groupindex),
                   module[1] if module[0] == "corridor" else module[0])


def _value(obj, parameter):
    """What `obj` gives for a path parameter (its uuid, slug, key, number…), or None."""
    if parameter in ("pk", "id"):
        return obj.pk
    if parameter.endswith(("_uuid", "_id")):
        base = parameter.rsplit("_", 1)[0]
        related = obj if obj._meta.model_name.endswith(base) else getattr(obj, base, None)
        if related is not None and hasattr(related, "_meta"):
            return getattr(related, "uuid", None) if parameter.endswith("_uuid") else related.pk
        return None
    value = getattr(obj, parameter, None)
    if hasattr(value, "_meta"):  # a related record named by the parameter
        return getattr(value, "uuid", value.pk)
    return value if isinstance(value, (str, int)) or type(value).__name__ == "UUID" else None


def _parents(obj, depth=2):
    if depth == 0:
        return []
    found = []
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.many_to_one:
            parent = getattr(obj, field.name, None)
            if parent is not None and parent._meta.app_label == obj._meta.app_label:
                found += [parent, *_parents(parent, depth - 1)]
    return found


def filled_urls(name, parameters, app, records):
    """(url, the record the url names, if it does) for each way the records of the view's app fill
    `parameters`."""
    for choice in _defaults(parameters):  # only parameters that name no record (a format…)
        yield reverse(name, kwargs=choice), None
    for record in records:
        obj = record.obj
        if obj._meta.app_label != app:
            continue
        own = {p: _value(obj, p) for p in parameters - NOT_FILLED}
        own = {p: v for p, v in own.items() if v is not None and v != ""}
        if any(p.endswith("_uuid") and obj._meta.model_name.endswith(p[:-5]) for p in own):
            own.pop("uuid", None)  # <uuid>/entries/<entry_uuid>: the plain uuid is the parent's
        if not own:
            continue
        # A uuid or a slug names this very record; a bare number could be any table's key.
        named = record if own.keys() - {"pk", "id", "number", "point"} else None
        kwargs = dict(own)
        for parent in _parents(obj):
            for parameter in parameters - kwargs.keys():
                value = _value(parent, parameter)
                if value is not None:
                    kwargs[parameter] = value
        missing = parameters - kwargs.keys()
        for choice in _defaults(missing):
            try:
                yield reverse(name, kwargs={**kwargs, **choice}), named
            except NoReverseMatch:
                continue


def _defaults(missing):
    if missing & NOT_FILLED or missing - DEFAULTS.keys():
        return []
    choices = [{}]
    for parameter in missing:
        choices = [{**choice, parameter: value} for choice in choices for value in DEFAULTS[parameter]]
    return choices


def readable(response) -> str:
    """The text of an answer, whatever its format (HTML, JSON, CSV, XML, PDF, XLSX/DOCX/ZIP)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"%PDF-"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if content.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(member).decode(errors="ignore") for member in archive.namelist())
    return content.decode(errors="ignore")


@pytest.mark.parametrize("who", ["geneva_admin", "geneva_member", None])
def test_nothing_of_a_territory_leaks_to_another(client, users, territories, territory_a, who):
    if who:
        client.force_login(users[who])
    vaud = territories["vaud"]
    filters = [{}, {"territory": vaud.path}, {"territory": vaud.pk}, {"territory": vaud.slug}, {"q": "secret"}]
    leaks, failures, refused_not, unfilled = [], [], [], []

    def check(url, params=None, record=None):
        response = client.get(url, params or {})
        if response.status_code >= 500:
            failures.append(f"{url} {params or ''}: {response.status_code}")
            return
        if response.status_code == 200 and MARK in readable(response):
            leaks.append(f"{url} {params or ''}")
        if record is not None and not record.public and response.status_code not in REFUSED:
            refused_not.append(f"{url}: {response.status_code}")

    for name, parameters, app in url_patterns():
        if name.startswith("admin:") and parameters:
            continue  # the Django admin is for platform administrators (staff) only
        if not parameters:
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            for params in filters:
                check(url, params)
            continue
        urls = list(filled_urls(name, parameters, app, territory_a))
        if not urls and not parameters & NOT_FILLED:
            unfilled.append(name)
        for url, record in urls:
            check(url, record=None if name in CAPABILITY_PAGES else record)

    assert not failures, failures
    assert not leaks, leaks
    assert not refused_not, refused_not
    print(f"URL patterns not filled from territory A's records ({len(unfilled)}): {sorted(unfilled)}")
