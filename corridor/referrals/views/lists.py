"""The referrals home page, and an organisation's inbox and outbox. Lists show no personal data: a referral
is named by its number, and the person's data is read on its own page only (and logged there)."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor.accounts import permissions
from corridor.directory.models import Organisation

from ..models import Referral
from .common import member_organisation

INBOX, OUTBOX = "inbox", "outbox"
FILTERS = [("open", _("Open")), ("all", _("All")), *Referral.Status.choices]


@login_required
def home(request):
    organisations = Organisation.objects.filter(pk__in=permissions.member_organisation_ids(request.user)).annotate(
        waiting=Count("services__referrals", filter=Q(services__referrals__status=Referral.Status.SENT)),
    ).order_by("name")
    return render(request, "referrals/home.html", {
        "organisations": organisations, "coordinates": permissions.is_territory_admin(request.user)})


def _filtered(referrals, shown: str):
    if shown == "open":
        return referrals.filter(status__in=Referral.OPEN_STATUSES)
    if shown in Referral.Status.values:
        return referrals.filter(status=shown)
    return referrals


@login_required
def box(request, uuid, which):
    organisation = member_organisation(request, uuid)
    referrals = Referral.objects.without_personal_data().select_related("service__organisation", "sender")
    if which == INBOX:
        referrals = referrals.filter(service__organisation=organisation)
    else:
        referrals = referrals.filter(sender=organisation)
    shown = request.GET.get("status", "open")
    page = Paginator(_filtered(referrals, shown), 50).get_page(request.GET.get("page"))
    now = timezone.now()
    for referral in page:
        referral.waiting_days = (now - referral.sent_at).days if referral.status == Referral.Status.SENT else None
    return render(request, "referrals/box.html", {
        "organisation": organisation, "which": which, "page": page, "shown": shown,
        "filters": FILTERS})

