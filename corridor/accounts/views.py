from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from corridor.audit.log import record
from corridor.core import personal_data

from . import throttling, two_factor
from .forms import CodeForm, DeleteAccountForm, ProfileForm, ThrottledAuthenticationForm, TokenForm, refuse_if_throttled
from .models import ApiToken, Profile


class SignInView(auth_views.LoginView):
    """The password step; a person with an authenticator goes on to the code step."""

    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.is_enabled(user):
            two_factor.begin_sign_in(self.request, user, self.get_success_url())
            return redirect("accounts:login-code")
        return super().form_valid(form)


@sensitive_post_parameters("code")
def sign_in_code(request):
    """The code step: a code from the authenticator app or a recovery code, throttled like passwords."""
    pending = two_factor.pending_sign_in(request)
    if pending is None:
        messages.error(request, _("Please sign in again."))
        return redirect("accounts:login")
    user, next_url = pending
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username, address = user.get_username(), throttling.client_address(request)
        try:
            refuse_if_throttled(username, address)
        except forms.ValidationError as refused:
            form.add_error(None, refused)
        else:
            device = two_factor.verify(user, form.cleaned_data["code"])
            if device is None:
                throttling.record_failure(username, address)
                record("account.sign_in_code_failed", target=user)
                form.add_error("code", _("This code is not valid. Check the time on your phone, or use a "
                                         "recovery code."))
            else:
                throttling.record_success(username)
                two_factor.finish_sign_in(request, user, device)
                return redirect(next_url)
    return render(request, "accounts/login_code.html", {"form": form})


def admin_sign_in(request):
    """The Django admin signs people in through the site's own sign-in (with its throttling and 2FA)."""
    return redirect(reverse("accounts:login") + "?" + urlencode({"next": request.GET.get("next", reverse("admin:index"))}))


@login_required
@sensitive_post_parameters("code")
def security(request):
    """Two-factor authentication: enrol (QR code, secret, first code), renew recovery codes, disable."""
    user = request.user
    form = CodeForm(request.POST or None)
    recovery_codes = None
    action = request.POST.get("action")
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if action == "enrol" and not two_factor.is_enabled(user):
            recovery_codes = two_factor.confirm(request, two_factor.start_enrolment(user), code)
            if recovery_codes is None:
                form.add_error("code", _("This code is not valid. Check the time on your phone and try again."))
        elif action in ("renew", "disable") and two_factor.is_enabled(user):
            if two_factor.verify(user, code) is None:
                form.add_error("code", _("This code is not valid."))
            elif action == "renew":
                recovery_codes = two_factor.renew_recovery_codes(request)
            else:
                two_factor.disable(request)
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("accounts:security")
        if recovery_codes is not None:
            form = CodeForm()
    context = {"form": form, "recovery_codes": recovery_codes, "enabled": two_factor.is_enabled(user),
               "required": settings.CORRIDOR_REQUIRE_2FA_FOR_ADMINS and two_factor.is_administrator(user)}
    if context["enabled"]:
        context["remaining"] = two_factor.remaining_recovery_codes(user)
    else:
        device = two_factor.start_enrolment(user)
        context.update(qr=two_factor.qr_svg(device, _("QR code for your authenticator app")),
                       secret=two_factor.secret(device))
    return render(request, "accounts/security.html", context)


@login_required
def profile(request):
    """Interface language and API tokens. A new token's key is shown once, then only its prefix."""
    profile, _created = Profile.objects.get_or_create(user=request.user)
    profile_form = ProfileForm(instance=profile)
    token_form = TokenForm()
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "language":
            profile_form = ProfileForm(request.POST, instance=profile)
            if profile_form.is_valid():
                profile = profile_form.save()
                messages.success(request, _("Language saved."))
                return redirect(translate_url(request.path, profile.language or "en"))
        elif action == "token":
            token_form = TokenForm(request.POST)
            if token_form.is_valid():
                data = token_form.cleaned_data
                _token, new_key = ApiToken.issue(request.user, data["name"], data["scope"], data["expires_at"])
                token_form = TokenForm()
        elif action == "revoke":
            ApiToken.objects.filter(user=request.user, pk=request.POST.get("token")).delete()
            messages.success(request, _("Token revoked."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {
        "profile_form": profile_form, "token_form": token_form, "new_key": new_key,
        "tokens": request.user.api_tokens.order_by("-created_at"),
    })


@login_required
@sensitive_post_parameters("password", "code")
def data(request):
    """A person's own data: download it, or delete the account."""
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        personal_data.erase(user)
        messages.success(request, _("Your account has been deleted."))
        return redirect("core:home")
    return render(request, "accounts/data.html", {"form": form})


@login_required
def data_export(request, extension):
    """The person's data as JSON, or as a zip archive with their uploaded files."""
    user = request.user
    record("account.data_exported", actor=user, target=user, format=extension)
    stamp = timezone.localdate().isoformat()
    if extension == "zip":
        response = HttpResponse(personal_data.export_zip(user), content_type="application/zip")
    else:
        response = HttpResponse(personal_data.export_json(user), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="corridor-{user.pk}-{stamp}.{extension}"'
    return response
