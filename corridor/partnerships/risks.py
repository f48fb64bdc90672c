"""Risks to a partnership, drawn from the lessons of the guidelines (seeds 002 and 004). The twinning of the
provinces of Batangas and Rome was drafted as an MoU but never signed: one stakeholder died, leadership changed
on both sides, and the lesson was that it "could have come to fruition" with a committee "not being dependent on
individuals", had the stakeholders "first secured a legal mandate or resolution on the signing", and while "the
local chief executives still have the time to sign the agreement within their term of office". Partnerships
"should not respond to isolated, individual or external decisions" (seed 004).

- single-person: a side has fewer than two contact persons; or every stakeholder (two or more) has the same
  contact person;
- no-mandate: a side has no legal mandate or council resolution recorded;
- term-ends: before signature, a side's signatory's term of office ends before the planned signature date."""
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Partnership

MINIMUM_CONTACTS = 2


@dataclass(frozen=True)
class Risk:
    code: str
    title: str
    explanation: str
    side: object = None  # the PartnershipSide concerned, None for the whole partnership


def _same_person(name: str) -> str:
    return " ".join(name.split()).casefold()


def _single_person(partnership, sides) -> list[Risk]:
    found = []
    for side in sides:
        contacts = [contact.name for contact in side.contacts.all()]
        if len(contacts) >= MINIMUM_CONTACTS:
            continue
        if contacts:
            explanation = _("Only one contact person is recorded for %(territory)s (%(name)s): if they leave their "
                            "post, the partnership stops with them.") % {"territory": side.territory,
                                                                          "name": contacts[0]}
        else:
            explanation = _("No contact person is recorded for %(territory)s.") % {"territory": side.territory}
        found.append(Risk("single-person", _("Depends on a single person"), explanation + " " + _(
            "Name at least two people, or a committee, so that the partnership does not depend on individuals."),
            side))
    holders = [stakeholder.contact_person for side in sides for stakeholder in side.stakeholders.all()]
    if len(holders) >= 2 and len({_same_person(name) for name in holders}) == 1 and holders[0].strip():
        found.append(Risk("single-person", _("Depends on a single person"), _(
            "Every stakeholder has the same contact person, %(name)s: all relations go through one person. Give "
            "each organisation its own contact.") % {"name": holders[0].strip()}))
    return found


def _no_mandate(sides) -> list[Risk]:
    return [Risk("no-mandate", _("No legal mandate or council resolution"), _(
        "No legal mandate or council resolution is recorded for %(territory)s. Secure the decision that allows "
        "signing first: without it, a change of leadership can stop the agreement.") % {"territory": side.territory},
        side) for side in sides if not side.mandate.strip()]


def _term_ends(partnership, sides) -> list[Risk]:
    planned = partnership.planned_signature_date
    if planned is None or partnership.stage in Partnership.AFTER_SIGNATURE:
        return []
    return [Risk("term-ends", _("The signatory's term ends before the signature"), _(
        "The term of office of %(signatory)s (%(territory)s) ends on %(end)s, before the planned signature on "
        "%(planned)s. Sign earlier, or prepare the signature with the authority that follows.") % {
        "signatory": side.signatory_name or side.signatory_title or _("the signatory"), "territory": side.territory,
        "end": date_format(side.signatory_term_ends), "planned": date_format(planned)}, side)
        for side in sides if side.signatory_term_ends is not None and side.signatory_term_ends < planned]


def risks(partnership) -> list[Risk]:
    sides = list(partnership.sides.all())
    return _single_person(partnership, sides) + _no_mandate(sides) + _term_ends(partnership, sides)
