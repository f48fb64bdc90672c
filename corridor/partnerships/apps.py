from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "corridor.partnerships"
    verbose_name = _("Corridors and partnerships")
