import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import throttling
from .models import ApiToken, Profile


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing attempts for a while after too many failures."""

    def clean(self):
        username, address = self.data.get("username", ""), throttling.client_address(self.request)
        wait = throttling.retry_after(username, address)
        if wait is not None:
            minutes = max(1, math.ceil(wait.total_seconds() / 60))
            raise forms.ValidationError(
                ngettext("Too many failed attempts. Try again in %(minutes)d minute.",
                         "Too many failed attempts. Try again in %(minutes)d minutes.", minutes)
                % {"minutes": minutes}, code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttling.record_failure(username, address)
            raise
        throttling.record_success(username)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["language"]


class TokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "scope", "expires_at"]
        widgets = {"expires_at": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"expires_at": _("Leave empty for a token that does not expire.")}
