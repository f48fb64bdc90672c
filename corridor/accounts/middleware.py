from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in person sees the interface in the language they chose, unless the URL names one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not translation.get_language_from_path(request.path_info):
            profile = getattr(user, "profile", None)
            if profile is not None and profile.language:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language
        return self.get_response(request)
