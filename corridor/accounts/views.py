from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _

from .forms import ProfileForm, TokenForm
from .models import ApiToken, Profile


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
