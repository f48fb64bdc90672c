from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Profile


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
