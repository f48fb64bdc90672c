from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreparednessConfig(AppConfig):
    name = "corridor.preparedness"
    verbose_name = _("Crisis preparedness")
