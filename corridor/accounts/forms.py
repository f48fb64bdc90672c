import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import throttling, two_factor
from .models import ApiToken, Profile


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing attempts for a while after too many failures."""

    def clean(self):
        username, address = self.data.get("username", ""), throttling.client_address(self.request)
        refuse_if_throttled(username, address)
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttling.record_failure(username, address)
            raise
        # With two factors, failures are forgiven only once the code is right too: a known password must
        # not reset the count of wrong codes.
        if not two_factor.is_enabled(self.get_user()):
            throttling.record_success(username)
        return cleaned


def refuse_if_throttled(username, address):
    wait = throttling.retry_after(username, address)
    if wait is not None:
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        raise forms.ValidationError(
            ngettext("Too many failed attempts. Try again in %(minutes)d minute.",
                     "Too many failed attempts. Try again in %(minutes)d minutes.", minutes)
            % {"minutes": minutes}, code="throttled")


class CodeForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(label=_("Code"), max_length=32, widget=forms.TextInput(attrs={
        "autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "off", "spellcheck": "false",
        "dir": "ltr"}))


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


class DeleteAccountForm(forms.Form):
    """Deleting one's account takes the password (and a code with two-factor authentication)."""

    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(attrs={
        "autocomplete": "current-password"}))
    code = forms.CharField(label=_("Code from your authenticator app or a recovery code"), max_length=32,
                           required=False, widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "dir": "ltr"}))
    confirm = forms.BooleanField(label=_("I understand that my account and my data are deleted for good."))

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user
        if not two_factor.is_enabled(self.user):
            del self.fields["code"]

    def clean(self):
        cleaned = super().clean()
        username, address = self.user.get_username(), throttling.client_address(self.request)
        refuse_if_throttled(username, address)
        if "password" in cleaned and not self.user.check_password(cleaned["password"]):
            throttling.record_failure(username, address)
            self.add_error("password", _("This is not your password."))
        elif "code" in self.fields and two_factor.verify(self.user, cleaned.get("code", "")) is None:
            throttling.record_failure(username, address)
            self.add_error("code", _("This code is not valid."))
        return cleaned
