"""Two-factor authentication with an authenticator app (TOTP, django-otp), open to everyone and required of
administrators when CORRIDOR_REQUIRE_2FA_FOR_ADMINS is on.

A person enrols by scanning a QR code (or typing the secret) and confirming with a code; they then get ten
recovery codes, shown once, each usable once. Signing in asks for a code after the password; the code step
is throttled like the password (throttling.py) on top of django-otp's own delay per device. Disabling or
renewing the recovery codes asks for a code too."""
import base64
from datetime import timedelta

import django_otp
import segno
from django.contrib import auth
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from corridor.audit.log import record

from .permissions import is_platform_admin, is_territory_admin

RECOVERY_CODES = 10
# Between the password and the code: after this long the password must be typed again.
PENDING_FOR = timedelta(minutes=5)
_PENDING_KEY = "corridor_2fa_pending"


def is_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_administrator(user) -> bool:
    return bool(user.is_staff or is_platform_admin(user) or is_territory_admin(user))


def start_enrolment(user) -> TOTPDevice:
    """The authenticator waiting for confirmation (a new secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret(device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app (base32, in groups of four)."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// address as an SVG QR code, drawn without style attributes (strict CSP)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, light="white", title=title)


def confirm(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a first code: returns the new recovery codes, or None if wrong."""
    if not device.verify_token(_normalised(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(device.user)
    django_otp.login(request, device)  # this session has just proven the second factor
    record("account.2fa_enabled", actor=request.user, target=device.user)
    return codes


def verify(user, code: str):
    """The device (authenticator or recovery codes) that accepts `code`, or None. A recovery code is spent."""
    code = _normalised(code)
    # Six digits come from the authenticator, anything else is a recovery code: a code is tried on one kind
    # of device only, so that it does not count as a failure (and delay) on the other.
    devices = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in devices.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def renew_recovery_codes(request) -> list[str]:
    codes = _new_recovery_codes(request.user)
    record("account.2fa_recovery_codes_renewed", actor=request.user, target=request.user)
    return codes


def disable(request) -> None:
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    record("account.2fa_disabled", actor=user, target=user)


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _normalised(code: str) -> str:
    return "".join(code.split()).lower()


# Signing in in two steps: the password step leaves a pending sign-in in the session, the code step ends it.

def begin_sign_in(request, user, next_url: str) -> None:
    request.session[_PENDING_KEY] = {"user": user.pk, "backend": user.backend, "next": next_url,
                                     "at": timezone.now().isoformat()}


def pending_sign_in(request):
    """(user, next address) of a password accepted moments ago, or None."""
    pending = request.session.get(_PENDING_KEY)
    if not pending:
        return None
    started = timezone.datetime.fromisoformat(pending["at"])
    user = auth.get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None or timezone.now() - started > PENDING_FOR:
        request.session.pop(_PENDING_KEY, None)
        return None
    user.backend = pending["backend"]
    return user, pending["next"]


def finish_sign_in(request, user, device) -> None:
    request.session.pop(_PENDING_KEY, None)
    auth.login(request, user, backend=user.backend)
    django_otp.login(request, device)
    if isinstance(device, StaticDevice):
        record("account.2fa_recovery_code_used", actor=user, target=user,
               remaining=remaining_recovery_codes(user))


def required_step(request):
    """Where an administrator must go before using the site when 2FA is required, or None."""
    user = request.user
    if not (user.is_authenticated and is_administrator(user)) or user.is_verified():
        return None
    if not is_enabled(user):
        return redirect(reverse("accounts:security") + "?" + urlencode({"required": 1}))
    # An authenticator exists but this session never asked for its code (it began before enrolment).
    auth.logout(request)
    return redirect(reverse("accounts:login") + "?" + urlencode({"next": request.get_full_path()}))
