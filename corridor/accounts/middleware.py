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


class TwoFactorRequiredMiddleware:
    """With CORRIDOR_REQUIRE_2FA_FOR_ADMINS, an administrator (platform, territory or Django staff) uses the
    site only once they have an authenticator and signed in with it: without one they are sent to enrol;
    with one but a session that never asked for a code, they sign in again. Everyone else is untouched."""

    # Pages an administrator must still reach to comply: enrolment, the sign-in steps, signing out.
    EXEMPT = {"accounts:security", "accounts:login", "accounts:login-code", "accounts:logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.conf import settings

        if not settings.CORRIDOR_REQUIRE_2FA_FOR_ADMINS or request.resolver_match.view_name in self.EXEMPT:
            return None
        from . import two_factor

        return two_factor.required_step(request)
