"""Who follows a consultation and the e-mails they receive: their contribution published or rejected,
the consultation opening, its report published, an invitation; organisers are told when a
contribution awaits moderation. Each e-mail is written in its reader's language when known and
carries a link to stop them. No e-mail reveals another person's address or an anonymous
contributor's name."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from corridor.core.links import absolute_url

from .models import Consultation, Contribution, Participant, Report

INTERFACE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


# Following and unsubscribing.

def follow(consultation: Consultation, user) -> Participant:
    participant, _created = Participant.objects.get_or_create(
        consultation=consultation, email__iexact=user.email,
        defaults={"email": user.email, "user": user, "name": user.get_full_name(),
                  "language": translation.get_language() or ""})
    participant.user, participant.notify = user, True
    participant.save(update_fields=["user", "notify"])
    return participant


def follower(consultation: Consultation, user) -> Participant | None:
    if not (user.is_authenticated and user.email):
        return None
    return consultation.participants.filter(email__iexact=user.email, notify=True).first()


def unfollow(consultation: Consultation, user) -> None:
    if user.email:
        consultation.participants.filter(email__iexact=user.email).update(notify=False)


def unsubscribe(token: str) -> Participant | None:
    participant = Participant.objects.select_related("consultation").filter(token=token).first()
    if participant is not None and participant.notify:
        participant.notify = False
        participant.save(update_fields=["notify"])
    return participant


# Writing the e-mails.

def _language(*candidates) -> str:
    for code in candidates:
        code = (code or "").split("-")[0]
        if code in INTERFACE_LANGUAGES:
            return code
    return settings.LANGUAGE_CODE


def _user_language(user) -> str:
    profile = getattr(user, "profile", None) if user is not None else None
    return getattr(profile, "language", "")


def _message(template: str, context: dict, language: str, to=(), bcc=(), participant=None) -> EmailMultiAlternatives:
    """Render consultations/email/<template>.txt, whose first line is the subject."""
    with translation.override(language):
        context["title"] = context["consultation"].translated("title")[0]
        headers = {}
        if participant is not None:
            context["unsubscribe_url"] = absolute_url("consultations:unsubscribe", participant.token)
            headers = {"List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                       "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        subject, _blank, body = render_to_string(f"consultations/email/{template}.txt", context).partition("\n")
    return EmailMultiAlternatives(subject.strip(), body.lstrip("\n"), settings.DEFAULT_FROM_EMAIL, list(to),
                                  bcc=list(bcc), headers=headers)


def _send(messages) -> int:
    messages = [message for message in messages if message is not None]
    return get_connection().send_messages(messages) if messages else 0


def _to_contributor(contribution: Contribution, template: str):
    email = contribution.author_email or (contribution.author.email if contribution.author_id else "")
    if not email:
        return None
    consultation = contribution.consultation
    participant = consultation.participants.filter(email__iexact=email).first()
    if participant is not None and not participant.notify:
        return None
    language = _language(getattr(participant, "language", ""), _user_language(contribution.author),
                         contribution.language)
    with translation.override(language):
        context = {"consultation": consultation, "contribution": contribution,
                   "url": absolute_url("consultations:contribution", consultation.slug, contribution.uuid)}
    return _message(template, context, language, to=[email], participant=participant)


def _to_followers(consultation: Consultation, template: str, viewname: str):
    """One e-mail per follower, each with its own unsubscribe link."""
    messages = []
    for participant in consultation.participants.filter(notify=True).select_related("user__profile"):
        language = _language(participant.language, _user_language(participant.user))
        with translation.override(language):
            url = absolute_url(viewname, consultation.slug)
        messages.append(_message(template, {"consultation": consultation, "url": url}, language,
                                 to=[participant.email], participant=participant))
    return messages


def contribution_published(contribution: Contribution) -> int:
    return _send([_to_contributor(contribution, "published")])


def contribution_rejected(contribution: Contribution) -> int:
    return _send([_to_contributor(contribution, "rejected")])


def consultation_opened(consultation: Consultation) -> int:
    return _send(_to_followers(consultation, "opened", "consultations:detail"))


def report_published(report: Report) -> int:
    return _send(_to_followers(report.consultation, "report_published", "consultations:report"))


def invitations(consultation: Consultation, participants) -> int:
    messages = []
    for participant in participants:
        language = _language(participant.language, consultation.content_language)
        with translation.override(language):
            context = {"consultation": consultation, "url": absolute_url("consultations:detail", consultation.slug),
                       "sign_in_url": absolute_url("accounts:login")}
        messages.append(_message("invitation", context, language, to=[participant.email], participant=participant))
    return _send(messages)


def organiser_addresses(consultation: Consultation) -> list[str]:
    """The organisers named on the consultation and its creator or, when there are none, the
    administrators of its territory (and of the territories containing it)."""
    people = [person for person in [*consultation.organisers.all(), consultation.created_by] if person is not None]
    if not people and consultation.territory_id:
        territories = [*consultation.territory.ancestors(), consultation.territory]
        people = get_user_model().objects.filter(territory_roles__territory__in=territories)
    return sorted({person.email.lower() for person in people if person.is_active and person.email})


def contribution_awaits_moderation(contribution: Contribution) -> int:
    """A single e-mail per contribution, to every organiser at once (in blind copy)."""
    consultation = contribution.consultation
    addresses = organiser_addresses(consultation)
    if not addresses:
        return 0
    language = _language(consultation.content_language)
    with translation.override(language):
        context = {"consultation": consultation, "contribution": contribution,
                   "url": absolute_url("consultations:moderation", consultation.slug)}
    return _send([_message("awaits_moderation", context, language, to=[settings.DEFAULT_FROM_EMAIL],
                           bcc=addresses)])
