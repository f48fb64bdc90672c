"""Reminding providers to re-verify their services before migrants see them as out of date."""
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from corridor.accounts.models import Membership

from .models import Service


def reminders(base_url: str) -> list[tuple[str, str, str, list[str]]]:
    """One e-mail per member whose organisations have services due, in the member's language."""
    due = defaultdict(list)
    for service in Service.objects.due_for_verification().exclude(status=Service.Status.DEFUNCT).order_by("name"):
        due[service.organisation_id].append(service)
    by_user = defaultdict(list)
    for membership in Membership.objects.filter(organisation_id__in=due).select_related("user", "user__profile"):
        if membership.user.is_active and membership.user.email:
            by_user[membership.user].extend(due[membership.organisation_id])
    messages = []
    for user, services in by_user.items():
        profile = getattr(user, "profile", None)
        with translation.override(getattr(profile, "language", "") or settings.LANGUAGE_CODE):
            lines = [f"- {s.name}: {base_url}{reverse('directory:service-edit', args=[s.uuid])}" for s in services]
            body = "\n".join([
                _("These services have not been verified for almost a year or more. Please check that they are "
                  "still correct, or mark them as still correct:"), "", *lines, "",
                f"{base_url}{reverse('directory:my-services')}",
            ])
            messages.append((_("Corridor: %(count)d services to re-verify") % {"count": len(services)}, body,
                             settings.DEFAULT_FROM_EMAIL, [user.email]))
    return messages


def send_reminders(base_url: str) -> int:
    return send_mass_mail(reminders(base_url), fail_silently=False)
