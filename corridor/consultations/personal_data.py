"""What consultations keep about a person (see core/personal_data.py): their participations, their
contributions (signed in, or sent from their e-mail address) with answers and attachments, and the
consultations they organise.

When the account is deleted:
- contributions that were never public (waiting for moderation, rejected) are deleted;
- published contributions to a consultation that accepts contributions without an account stay, anonymised
  (no author, no name, no e-mail, shown as anonymous, attachments deleted): the discussion and its report
  keep their substance, and anonymous contributions are within that consultation's rules;
- published contributions to a consultation that requires an account are deleted: there, an anonymous
  contribution would misrepresent who took part;
- participations (the e-mails about a consultation) are deleted;
- reports: the person's names are removed from the annex of contributors and from quoted excerpts."""
from django.db import transaction
from django.db.models import Q

from corridor.core.personal_data import replace_in_json

from .models import Attachment, Contribution, Participant, Report


def _contributions(user):
    query = Q(author=user)
    if user.email:
        query |= Q(author_email__iexact=user.email)
    return Contribution.objects.filter(query)


def _participations(user):
    query = Q(user=user)
    if user.email:
        query |= Q(email__iexact=user.email)
    return Participant.objects.filter(query)


def identifiers(user) -> set[str]:
    contributions = _contributions(user)
    return ({*contributions.values_list("author_name", flat=True), *contributions.values_list("author_email", flat=True),
             *_participations(user).values_list("name", flat=True), *_participations(user).values_list("email", flat=True)})


def export(user) -> dict:
    contributions = _contributions(user).select_related("consultation").prefetch_related(
        "answers__question", "attachments").order_by("submitted_at", "id")
    return {
        "participations": [{"consultation": p.consultation.title, "email": p.email, "name": p.name,
                            "language": p.language, "e-mails_wanted": p.notify, "joined_at": p.joined_at}
                           for p in _participations(user).select_related("consultation").order_by("joined_at")],
        "contributions": [{
            "consultation": c.consultation.title, "submitted_at": c.submitted_at, "channel": c.channel,
            "status": c.status, "name": c.author_name, "email": c.author_email, "anonymous": c.is_anonymous,
            "organisation": c.organisation_name, "language": c.language, "subject": c.subject, "text": c.body_text,
            "answers": [{"question": a.question.number if a.question else None, "text": a.text}
                        for a in c.answers.all()],
            "attachments": [f"{a.pk}-{a.filename}" for a in c.attachments.all()],
        } for c in contributions],
        "organised_consultations": list(user.organised_consultations.values_list("title", flat=True)),
    }


def files(user):
    for attachment in Attachment.objects.filter(contribution__in=_contributions(user)).order_by("pk"):
        yield f"{attachment.pk}-{attachment.filename}", attachment.file


def erase(user, identifiers) -> None:
    contributions = _contributions(user).select_related("consultation")
    consultation_ids = set(contributions.values_list("consultation_id", flat=True))
    kept = list(contributions.filter(status=Contribution.Status.PUBLISHED, consultation__allow_anonymous=True)
                .values_list("pk", flat=True))
    _delete_attachments(Attachment.objects.filter(contribution__in=contributions))
    contributions.exclude(pk__in=kept).delete()
    Contribution.objects.filter(pk__in=kept).update(author=None, author_name="", author_email="", is_anonymous=True)
    _participations(user).delete()
    for report in Report.objects.filter(consultation_id__in=consultation_ids):
        report.data = replace_in_json(_without_named(report.data, identifiers), identifiers)
        report.edits = replace_in_json(report.edits, identifiers)
        report.save(update_fields=["data", "edits"])


def _without_named(data: dict, identifiers) -> dict:
    """The report's annex of contributors, the person counted among the anonymous instead of named."""
    contributors = data.get("contributors")
    if not contributors:
        return data
    named = [entry for entry in contributors.get("named", []) if entry.get("name", "").strip() in identifiers]
    if not named:
        return data
    anonymous = dict(contributors.get("anonymous", {}))
    anonymous["contributors"] = anonymous.get("contributors", 0) + len(named)
    anonymous["contributions"] = anonymous.get("contributions", 0) + sum(e.get("contributions", 0) for e in named)
    remaining = [entry for entry in contributors["named"] if entry not in named]
    return {**data, "contributors": {**contributors, "named": remaining, "anonymous": anonymous}}


def _delete_attachments(attachments) -> None:
    stored = [attachment.file.name for attachment in attachments]
    storage = Attachment._meta.get_field("file").storage
    attachments.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in stored])
