"""A partnership's life: created between two or more territories (or drafted from a corridor), it moves
through the stages of the guidelines (identification, identification mission, drafting, signed,
implementation, evaluation, review, ended), each stage kept in its history with its dates, note and
documents.

Rules: a new stage starts on or after the day the current one started, and not in the future; the stages from
signature on need the agreement marked final (agreement.py); going back to a stage before signature (to revise
the agreement) makes it a draft again."""
import uuid
from datetime import date

from babel.languages import get_official_languages
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from corridor.audit import log as audit
from corridor.core import uploads

from .models import (
    CooperationInterest,
    Corridor,
    Partnership,
    PartnershipIndicator,
    PartnershipSide,
    StageDocument,
    StageRecord,
    Stakeholder,
)
from .vocabularies import AGREEMENT_LANGUAGES, SECTOR


class StageRefused(ValueError):
    """The stage cannot change this way; the message says why."""


def agreement_languages(territories, language: str | None = None) -> list[str]:
    """The agreement's languages: the one being written in, and the official languages of each territory's
    country among those the agreement can be drafted in (French for Vaud and Sédhiou, Arabic and French for
    Al Hoceima); English for a country with none of them."""
    wanted = [(language or get_language() or "en").split("-")[0]]
    for territory in territories:
        official = [code for code in get_official_languages(territory.country_code, de_facto=True)
                    if code in AGREEMENT_LANGUAGES]
        wanted.extend(official or ["en"])
    return [code for code in AGREEMENT_LANGUAGES if code in wanted]


def sectors_of_interest(territory) -> list[str]:
    interest = CooperationInterest.objects.filter(territory=territory).first()
    return list(interest.sectors) if interest else []


@transaction.atomic
def create_partnership(*, title: str, territories, user, note: str = "", **fields) -> Partnership:
    """A partnership between `territories` (each its side), its first stage opened today."""
    territories = list(dict.fromkeys(territories))
    fields.setdefault("content_language", (get_language() or "en").split("-")[0])
    fields.setdefault("agreement_languages", agreement_languages(territories, fields["content_language"]))
    partnership = Partnership.objects.create(title=title, created_by=user, **fields)
    for territory in territories:
        PartnershipSide.objects.create(partnership=partnership, territory=territory)
    StageRecord.objects.create(partnership=partnership, stage=partnership.stage, started_on=timezone.localdate(),
                               note=note, recorded_by=user)
    audit.record("partnership.created", actor=user, target=partnership)
    return partnership


def side_for(partnership: Partnership, organisation) -> PartnershipSide:
    """The side an organisation belongs on: the side whose territory contains its home, else the first."""
    sides = list(partnership.sides.select_related("territory"))
    home = organisation.territory.path
    return max((side for side in sides if home.startswith(side.territory.path)),
               key=lambda side: len(side.territory.path), default=sides[0])


@transaction.atomic
def draft_from_corridor(corridor: Corridor, user, first=None) -> Partnership:
    """A memorandum of understanding between the corridor's two territories, being drafted: `first` (the
    drafter's territory) named first, the sectors both territories are interested in, and the corridor's
    diaspora associations as stakeholders, bridges between the territories."""
    ends = [corridor.destination, corridor.origin]
    if first is not None and first in ends:
        ends.remove(first)
        ends.insert(0, first)
    shared = set(sectors_of_interest(corridor.origin)) & set(sectors_of_interest(corridor.destination))
    partnership = create_partnership(
        title=_("Memorandum of understanding between %(first)s and %(second)s") % {
            "first": ends[0], "second": ends[1]},
        territories=ends, user=user, kind=Partnership.Kind.MEMORANDUM, stage=Partnership.Stage.DRAFTING,
        corridor=corridor, sectors=[code for code, _label in SECTOR.terms if code in shared],
        note=_("Drafted from the corridor %(corridor)s.") % {"corridor": corridor})
    for association in corridor.associations.select_related("territory"):
        Stakeholder.objects.create(side=side_for(partnership, association), organisation=association,
                                   role=Stakeholder.Role.BRIDGE)
    return partnership


def add_side(partnership: Partnership, territory, user) -> PartnershipSide:
    side, created = PartnershipSide.objects.get_or_create(partnership=partnership, territory=territory)
    if created:
        audit.record("partnership.side_added", actor=user, target=partnership, territory=territory)
    return side


def current_record(partnership: Partnership) -> StageRecord | None:
    return partnership.stage_history.filter(ended_on__isnull=True).order_by("-started_on", "-pk").first()


@transaction.atomic
def change_stage(partnership: Partnership, stage: str, started_on: date, note: str, user) -> StageRecord:
    if stage == partnership.stage:
        raise StageRefused(_("The partnership is already at this stage."))
    if started_on > timezone.localdate():
        raise StageRefused(_("A stage cannot start in the future: record it on the day it starts."))
    current = current_record(partnership)
    if current is not None and started_on < current.started_on:
        raise StageRefused(_("The new stage cannot start before the current one (%(date)s).") % {
            "date": date_format(current.started_on)})
    if stage in Partnership.AFTER_SIGNATURE and not partnership.is_final:
        raise StageRefused(_("Mark the agreement final before recording its signature or any later stage."))
    if current is not None:
        current.ended_on = started_on
        current.save(update_fields=["ended_on"])
    record = StageRecord.objects.create(partnership=partnership, stage=stage, started_on=started_on, note=note,
                                        recorded_by=user)
    partnership.stage = stage
    fields = ["stage", "updated_at"]
    if stage not in Partnership.AFTER_SIGNATURE and partnership.is_final:
        partnership.finalised_at, partnership.finalised_by = None, None  # a revised agreement is drafted anew
        fields += ["finalised_at", "finalised_by"]
    partnership.save(update_fields=fields)
    audit.record("partnership.stage_changed", actor=user, target=partnership, stage=stage)
    return record


def add_document(record: StageRecord, title: str, filename: str, content: bytes, user) -> StageDocument:
    """Store a document of a stage after checking its type and size (uploads.Refused otherwise)."""
    name, file_type = uploads.checked(filename, content, settings.CORRIDOR_MAX_UPLOAD_BYTES)
    document = StageDocument(record=record, title=title.strip() or name, filename=name,
                             content_type=file_type.content_type, size=len(content), uploaded_by=user)
    document.file.save(f"{uuid.uuid4().hex}.{file_type.extensions[0]}", ContentFile(content), save=True)
    audit.record("partnership.document_added", actor=user, target=record.partnership, document=document.pk)
    return document


def with_details(queryset):
    """Partnerships read with everything a page, a document or the API shows, in a fixed number of queries."""
    return queryset.select_related("corridor__origin", "corridor__destination").prefetch_related(
        Prefetch("sides", PartnershipSide.objects.select_related("territory").prefetch_related(
            "contacts", Prefetch("stakeholders", Stakeholder.objects.select_related("organisation__territory")))),
        "actions", Prefetch("indicators", PartnershipIndicator.objects.select_related("initiative")
                            .prefetch_related("periods")),
        Prefetch("stage_history", StageRecord.objects.select_related("recorded_by").prefetch_related("documents")))
