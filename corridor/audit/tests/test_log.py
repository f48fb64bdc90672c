import pytest
from django.core.exceptions import PermissionDenied

from corridor.audit.log import events_for, record
from corridor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_record_names_actor_target_and_scope(users, organisations, territories):
    caritas = organisations["caritas"]
    event = record("organisation.read", actor=users["caritas"], target=caritas, organisation=caritas,
                   territory=territories["lausanne"], fields=["name"])
    event.refresh_from_db()
    assert (event.actor, event.actor_name, event.action) == (users["caritas"], users["caritas"].username,
                                                             "organisation.read")
    assert (event.target_type, event.target_id, event.target_label) == ("directory.organisation", str(caritas.pk),
                                                                        str(caritas))
    assert (event.organisation, event.territory, event.detail) == (caritas, territories["lausanne"],
                                                                   {"fields": ["name"]})
    assert list(events_for(caritas)) == [event]
    assert list(events_for(organisations["appartenances"])) == []


def test_anonymous_actor_is_recorded_without_a_user(organisations):
    from django.contrib.auth.models import AnonymousUser
    event = record("organisation.read", actor=AnonymousUser(), target=organisations["caritas"])
    assert event.actor is None and event.actor_name == ""


def test_events_cannot_be_changed_and_survive_the_actor(users, organisations):
    event = record("organisation.update", actor=users["caritas"], target=organisations["caritas"])
    event.action = "nothing happened"
    with pytest.raises(PermissionDenied):
        event.save()
    users["caritas"].delete()
    event = AuditEvent.objects.get()
    assert event.actor is None and event.actor_name == "caritas" and event.action == "organisation.update"
