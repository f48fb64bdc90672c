from django.conf import settings
from django.utils import translation


def site(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "site_name": "Corridor",
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
        "current_language": language,
    }
