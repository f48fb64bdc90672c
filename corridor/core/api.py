"""What every JSON API endpoint shares: the response language, pagination, token scopes and the
OpenAPI description of Bearer tokens."""
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiParameter
from rest_framework import pagination, permissions

from corridor.accounts.models import ApiToken

LANGUAGE_PARAMETER = OpenApiParameter(
    "lang", str, enum=[code for code, _name in settings.LANGUAGES],
    description="Language of labels and translated names in the response; overrides Accept-Language.",
)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "corridor.accounts.api_auth.ApiTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Bearer")
        scheme["description"] = "A token issued on your account page (`cor_…`). Read-scope tokens cannot write."
        return scheme


class ApiSchema(AutoSchema):
    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANGUAGE_PARAMETER]

    def get_auth(self):
        # Reading needs no account (see WriteScopeOrReadOnly), which the generator cannot tell by itself.
        auths = super().get_auth()
        return [*auths, {}] if self.method in permissions.SAFE_METHODS else auths


class ApiPagination(pagination.LimitOffsetPagination):
    max_limit = 200


class WriteScopeOrReadOnly(permissions.BasePermission):
    """Anyone reads; writing needs a signed-in person and, with a token, a token of the write scope."""

    message = _("This token may only read. Issue a token with the read-and-write scope.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        return not (isinstance(request.auth, ApiToken) and request.auth.scope != ApiToken.Scope.WRITE)


class CanEditRecord(permissions.BasePermission):
    """Whether this person may change this record is asked of accounts.permissions, through the
    view's `can_edit(user, record)`."""

    message = _("You may only change the records of organisations you belong to or administer.")

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or view.can_edit(request.user, obj)


class ApiViewMixin:
    """Base of every API view: answers in the language asked for with ?lang=, else the one negotiated
    from Accept-Language; anyone reads, editors write."""

    schema = ApiSchema()
    pagination_class = ApiPagination
    permission_classes = [WriteScopeOrReadOnly, CanEditRecord]

    def dispatch(self, request, *args, **kwargs):
        requested = request.GET.get("lang", "")
        language = requested if requested in dict(settings.LANGUAGES) else translation.get_language()
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
        response["Content-Language"] = language
        return response


def validated_query(serializer_class, request) -> dict:
    """Check the query string against a serializer; mistakes answer 400 with a message per parameter."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
