"""What organisers decide: which contributions are published, corrections to how a contribution was
read (its language, which question each answer answers), when the consultation opens and closes, and
whom to invite. Every function checks that the person organises the consultation: the pages are not
their only callers."""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.audit.log import record
from corridor.core.languages import is_language_code

from . import access, notifications
from .models import Answer, Consultation, Contribution, Participant, Question

# Publishing a report makes a consultation consolidated (see reporting.publish), never this module.
STATUS_CHANGES = {
    Consultation.Status.DRAFT: {Consultation.Status.OPEN},
    Consultation.Status.OPEN: {Consultation.Status.CLOSED},
    Consultation.Status.CLOSED: {Consultation.Status.OPEN},
}


def author_name(contribution: Contribution) -> str:
    """The name organisers see, also when the contribution is published without it."""
    if contribution.author_name:
        return contribution.author_name
    if contribution.author_id:
        return contribution.author.get_full_name() or contribution.author.get_username()
    return ""


def _check_organiser(user, consultation):
    if not access.can_organise(user, consultation):
        raise PermissionDenied(_("Only the organisers of this consultation may do this."))


def _moderate(contribution, by, status, reason=""):
    _check_organiser(by, contribution.consultation)
    contribution.status, contribution.rejection_reason = status, reason
    contribution.moderated_by, contribution.moderated_at = by, timezone.now()
    contribution.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])
    record(f"consultation.contribution_{status}", actor=by, target=contribution,
           territory=contribution.consultation.territory)


def publish(contribution: Contribution, by) -> bool:
    """Publish a pending (or previously rejected) contribution and tell its author. False when it
    was already published."""
    if contribution.status == Contribution.Status.PUBLISHED:
        _check_organiser(by, contribution.consultation)
        return False
    _moderate(contribution, by, Contribution.Status.PUBLISHED)
    transaction.on_commit(lambda: notifications.contribution_published(contribution))
    return True


def publish_many(contributions, by) -> int:
    """Publish several contributions at once; the number newly published."""
    with transaction.atomic():
        return sum(publish(contribution, by) for contribution in contributions)


def reject(contribution: Contribution, by, reason: str) -> None:
    """Reject a contribution (also one already published, which leaves the public pages) and tell its
    author why. A reason is required: the author deserves one."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Give the reason for rejecting the contribution: it is sent to its author."))
    _moderate(contribution, by, Contribution.Status.REJECTED, reason)
    transaction.on_commit(lambda: notifications.contribution_rejected(contribution))


def correct_language(contribution: Contribution, language: str, by) -> None:
    """Set the language an organiser recognised; the detected one is kept for reference."""
    _check_organiser(by, contribution.consultation)
    if not is_language_code(language):
        raise ValueError(_("“%(code)s” is not a language code.") % {"code": language})
    contribution.language = language.lower()
    contribution.save(update_fields=["language"])


def reassign_answer(answer: Answer, question: Question | None, by) -> None:
    """Say which question an answer really answers (None: no particular question)."""
    consultation = answer.contribution.consultation
    _check_organiser(by, consultation)
    if question is not None and question.consultation_id != consultation.pk:
        raise ValueError(_("This question belongs to another consultation."))
    answer.question = question
    answer.save(update_fields=["question"])


def change_status(consultation: Consultation, status: str, by) -> None:
    """Open, close or reopen a consultation; followers are told when it opens."""
    _check_organiser(by, consultation)
    if status not in STATUS_CHANGES.get(consultation.status, ()):
        raise ValueError(_("A consultation cannot go from “%(old)s” to “%(new)s”.") % {
            "old": consultation.get_status_display(), "new": dict(Consultation.Status.choices).get(status, status)})
    consultation.status = status
    if status == Consultation.Status.OPEN and consultation.opens_at is None:
        consultation.opens_at = timezone.now()
    consultation.save(update_fields=["status", "opens_at", "updated_at"])
    record("consultation.status_changed", actor=by, target=consultation, status=status)
    if status == Consultation.Status.OPEN:
        transaction.on_commit(lambda: notifications.consultation_opened(consultation))


def invite(consultation: Consultation, emails: list[str], by) -> list[Participant]:
    """Invite people by e-mail (they take part once signed in with that address); the newly invited
    ones receive an invitation."""
    _check_organiser(by, consultation)
    invited = []
    for email in emails:
        participant, created = Participant.objects.get_or_create(
            consultation=consultation, email__iexact=email, defaults={"email": email, "invited": True})
        if not created and participant.invited:
            continue  # invited before
        if not created:  # a follower or contributor until now
            participant.invited = True
            participant.save(update_fields=["invited"])
        invited.append(participant)
    record("consultation.invited", actor=by, target=consultation, count=len(invited))
    transaction.on_commit(lambda: notifications.invitations(consultation, invited))
    return invited
