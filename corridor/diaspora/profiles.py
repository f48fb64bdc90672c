"""Members of the diaspora without an account: registering with consent, the signed link that opens a
profile, and withdrawing consent.

- Registering stores the consent text the person read, in their language, and the date. The profile waits
  for its e-mail address to be confirmed (the first use of the link sent to it) before it is matched with
  projects; unconfirmed registrations are deleted after UNCONFIRMED_DAYS.
- The link is signed (django.core.signing, with the site's secret key) and names the profile and its access
  version; it works for LINK_MAX_AGE. Opening it shows a button: the profile is opened by a POST, so that a
  mail filter that follows links neither confirms nor opens anything. The profile is then held in the
  session. Anyone can ask for a new link by typing their address: the answer is the same whether it is
  registered or not. "Close all links" raises the access version, which voids every earlier link.
- Withdrawing consent deletes the profile. Its pledges still open are withdrawn and every pledge loses its
  message and its author, so that what was given stays in a project's totals without saying who gave it."""
from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from corridor.audit import log as audit
from corridor.core.encryption import blind_index
from corridor.core.links import absolute_url

from .models import DiasporaProfile, Pledge

SALT = "corridor.diaspora.access"
LINK_MAX_AGE = timedelta(days=7)
UNCONFIRMED_DAYS = 7
LINK_INTERVAL_SECONDS = 120
SESSION_KEY = "diaspora_profile"

PERSON_CONSENT = _(
    "I agree that Corridor keeps the information of this form to suggest to me projects of my territories of "
    "origin, and to show the teams of these projects my name or alias, my skills, my languages and my country "
    "of residence. My e-mail address is kept encrypted; the teams do not see it unless I choose to share it. "
    "They can write to me through the platform, and I decide whether to answer. I can see, change or delete "
    "my profile at any time through the link sent to me by e-mail; deleting it withdraws this consent.")
ASSOCIATION_CONSENT = _(
    "I am a member of this association and I agree on its behalf that Corridor keeps the information of this "
    "form to suggest projects of its territories of origin and to show it to the teams of these projects. "
    "The contact e-mail is kept encrypted and shown to them only if we choose to share it. The members of the "
    "association can change or delete this profile at any time.")


class AlreadyRegistered(Exception):
    """A person registered again with an address already registered: they get their link instead."""

    def __init__(self, profile):
        super().__init__()
        self.profile = profile


def _consent(profile: DiasporaProfile, text) -> None:
    profile.consent_text = str(text)
    profile.consent_language = (get_language() or "en").split("-")[0]
    profile.consented_at = timezone.now()


@transaction.atomic
def register_person(profile: DiasporaProfile, origins) -> DiasporaProfile:
    """Save a new person's profile (filled in by the registration form) with the consent they gave."""
    existing = find_person(profile.email)
    if existing is not None:
        raise AlreadyRegistered(existing)
    profile.kind = DiasporaProfile.Kind.PERSON
    _consent(profile, PERSON_CONSENT)
    profile.save()
    profile.origins.set(origins)
    return profile


@transaction.atomic
def register_association(profile: DiasporaProfile, origins, by) -> DiasporaProfile:
    """Save the diaspora profile of an association, registered by one of its members, confirmed at once
    (its members are known to the platform)."""
    profile.kind = DiasporaProfile.Kind.ASSOCIATION
    profile.display_name = profile.organisation.name
    profile.residence_country = profile.residence_country or profile.organisation.territory.country_code
    profile.consented_by, profile.confirmed_at = by, timezone.now()
    _consent(profile, ASSOCIATION_CONSENT)
    profile.save()
    profile.origins.set(origins)
    audit.record("diaspora.association_registered", actor=by, target=profile.organisation,
                 organisation=profile.organisation)
    return profile


def find_person(email: str) -> DiasporaProfile | None:
    return DiasporaProfile.objects.filter(kind=DiasporaProfile.Kind.PERSON, email_index=blind_index(email)).first()


# The signed link.

def access_token(profile: DiasporaProfile) -> str:
    return signing.dumps([str(profile.uuid), profile.access_version], salt=SALT)


def access_url(profile: DiasporaProfile) -> str:
    return absolute_url("diaspora:access", access_token(profile), language=profile.language)


def may_send_link(profile: DiasporaProfile) -> bool:
    """At most one link asked for per address every LINK_INTERVAL_SECONDS, so that asking again and again
    cannot flood someone's mailbox."""
    return cache.add(f"diaspora-link:{profile.email_index}", True, LINK_INTERVAL_SECONDS)


def profile_from_token(token: str, now=None) -> DiasporaProfile | None:
    """The profile a link opens; None when the link is forged, expired, voided or its profile deleted."""
    try:
        uuid, version = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return DiasporaProfile.objects.filter(uuid=uuid, access_version=version,
                                          kind=DiasporaProfile.Kind.PERSON).first()


def open_session(request, profile: DiasporaProfile) -> None:
    """Hold the profile in the visitor's session; the first opening confirms the e-mail address."""
    if profile.confirmed_at is None:
        profile.confirmed_at = timezone.now()
        profile.save(update_fields=["confirmed_at"])
    request.session.cycle_key()
    request.session[SESSION_KEY] = [str(profile.uuid), profile.access_version]


def session_profile(request) -> DiasporaProfile | None:
    held = request.session.get(SESSION_KEY)
    if not held:
        return None
    uuid, version = held
    profile = DiasporaProfile.objects.filter(uuid=uuid, access_version=version,
                                             kind=DiasporaProfile.Kind.PERSON).first()
    if profile is None:
        request.session.pop(SESSION_KEY, None)
    return profile


def close_session(request) -> None:
    request.session.pop(SESSION_KEY, None)


def void_links(profile: DiasporaProfile) -> None:
    """Every link sent so far, and every session opened with one, stops working."""
    profile.access_version += 1
    profile.save(update_fields=["access_version"])


# Withdrawing consent.

OPEN_PLEDGES = (Pledge.Status.OFFERED, Pledge.Status.ACCEPTED, Pledge.Status.IN_PROGRESS)


@transaction.atomic
def withdraw_consent(profile: DiasporaProfile, by=None) -> None:
    from . import pledges  # pledges tell the projects' teams, which needs the profile's pledges

    for pledge in profile.pledges.filter(status__in=OPEN_PLEDGES).select_related("project"):
        pledges.change_status(pledge, Pledge.Status.WITHDRAWN, by=by, by_pledger=True,
                              note=str(_("The person withdrew their consent and deleted their profile.")))
    Pledge.objects.filter(profile=profile).update(message="")
    audit.record("diaspora.consent_withdrawn", actor=by, organisation=profile.organisation, profile=str(profile.uuid),
                 kind=profile.kind)
    profile.delete()


def purge_unconfirmed(now=None) -> int:
    """Delete the registrations whose address was never confirmed; how many."""
    threshold = (now or timezone.now()) - timedelta(days=UNCONFIRMED_DAYS)
    deleted, _counts = DiasporaProfile.objects.filter(kind=DiasporaProfile.Kind.PERSON, confirmed_at__isnull=True,
                                                      created_at__lt=threshold).delete()
    return deleted


def export(profile: DiasporaProfile) -> dict:
    """Everything kept about a profile, for the person to download."""
    return {
        "kind": profile.kind, "name": profile.display_name, "email": profile.email,
        "residence": {"country": profile.residence_country, "place": profile.residence_place},
        "languages": profile.languages, "skills": profile.skills, "other_skills": profile.skill_tags,
        "interests": {"sectors": profile.interest_sectors, "kinds_of_engagement": profile.interest_kinds,
                      "territories_of_origin": [t.path for t in profile.origins.all()]},
        "share_contact": profile.share_contact, "email_language": profile.language,
        "consent": {"text": profile.consent_text, "language": profile.consent_language,
                    "given_at": profile.consented_at.isoformat()},
        "confirmed_at": profile.confirmed_at.isoformat() if profile.confirmed_at else None,
        "pledges": [{"project": pledge.project.title, "kind": pledge.kind, "amount": str(pledge.amount or ""),
                     "currency": pledge.currency, "hours": pledge.hours, "skill": pledge.skill,
                     "message": pledge.message, "status": pledge.status, "created_at": pledge.created_at.isoformat()}
                    for pledge in profile.pledges.select_related("project")],
        "messages_received": [{"project": contact.project.title, "message": contact.message,
                               "sent_at": contact.sent_at.isoformat()}
                              for contact in profile.contact_requests.select_related("project")],
    }
