"""Helpers that make initiatives and proposals for the tests (the fixtures built with them are in conftest.py)."""
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from corridor.coordination import initiatives
from corridor.coordination.models import Call, Initiative, Proposal


def make_initiative(lead, title, *, territory=None, terms=None, **fields) -> Initiative:
    fields.setdefault("content_language", "fr")
    initiative = Initiative.objects.create(lead_organisation=lead, territory=territory or lead.territory, title=title,
                                           **fields)
    initiatives.set_terms(initiative, terms or {"category": ["language"]})
    return initiative


def make_proposal(call, organisation, title, amount, *, status=Proposal.Status.SUBMITTED, **fields) -> Proposal:
    fields.setdefault("summary", f"Résumé de {title}.")
    fields.setdefault("content_language", "fr")
    proposal = Proposal.objects.create(call=call, organisation=organisation, title=title,
                                       requested_amount=Decimal(amount), status=status,
                                       submitted_at=timezone.now() if status != Proposal.Status.DRAFT else None,
                                       **fields)
    initiatives.set_terms(proposal, {"phase": ["destination"], "category": ["language"]})
    return proposal


def past_deadline(call) -> None:
    """Move the call's deadline to an hour ago, as if the time had come."""
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(hours=1))
    call.refresh_from_db()
