"""Every model registered in the Django admin opens its list, search and add pages for a platform
administrator: a wrong field name in a ModelAdmin only shows when the page is opened."""
import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize("model,model_admin", REGISTERED, ids=[m._meta.label for m, _a in REGISTERED])
def test_admin_pages_open(client, users, model, model_admin):
    client.force_login(users["platform"])
    info = (model._meta.app_label, model._meta.model_name)
    changelist = reverse("admin:{}_{}_changelist".format(*info))
    assert client.get(changelist).status_code == 200
    if model_admin.search_fields:
        assert client.get(changelist, {"q": "Lausanne"}).status_code == 200
    request = RequestFactory().get(changelist)
    request.user = users["platform"]
    add = client.get(reverse("admin:{}_{}_add".format(*info)))
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)
