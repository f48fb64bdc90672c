"""Every step of a referral, from every status, by every side: what is allowed works, everything else is refused
with an error that says why."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from corridor.audit.models import AuditEvent
from corridor.referrals import access, workflow
from corridor.referrals.access import RECEIVER, SENDER
from corridor.referrals.models import Referral
from corridor.referrals.workflow import TRANSITIONS, WorkflowError

from .conftest import NAME

Status = Referral.Status
USERS = {SENDER: "caritas", RECEIVER: "appartenances"}
ALLOWED = [(action, source, side) for action, t in TRANSITIONS.items() for source in t.sources
           for side in sorted(t.sides)]
REFUSED_STATUS = [(action, status) for action, t in TRANSITIONS.items() for status in Status.values
                  if status not in t.sources]
WRONG_SIDE = [(action, source, side) for action, t in TRANSITIONS.items() for source in t.sources
              for side in (SENDER, RECEIVER) if side not in t.sides]
EXPECTED = {  # (action, from) → to; written out so that a change to TRANSITIONS shows here
    ("accept", "sent"): "accepted", ("decline", "sent"): "declined", ("decline", "accepted"): "declined",
    ("forward", "sent"): "forwarded", ("forward", "accepted"): "forwarded",
    ("set_appointment", "accepted"): "appointment", ("set_appointment", "appointment"): "appointment",
    ("deliver", "accepted"): "delivered", ("deliver", "appointment"): "delivered", ("close", "delivered"): "closed",
    ("cancel", "sent"): "closed", ("cancel", "accepted"): "closed", ("cancel", "appointment"): "closed",
}


def arguments(action, services):
    return {"decline": {"reason": Referral.DeclineReason.NO_CAPACITY},
            "set_appointment": {"appointment_at": timezone.now() + timedelta(days=2)},
            "forward": {"service": services["geneva"]}}.get(action, {})


def in_status(referral, status):
    Referral.objects.filter(pk=referral.pk).update(status=status)
    referral.refresh_from_db()
    return referral


def test_the_expected_transitions_are_exactly_those_of_the_workflow():
    assert {(action, source): TRANSITIONS[action].target for action, source, _side in ALLOWED} == EXPECTED


@pytest.mark.parametrize("action,source,side", ALLOWED, ids=[f"{a}-from-{s}-by-{d}" for a, s, d in ALLOWED])
def test_allowed_step(referral, people, services, action, source, side):
    referral = in_status(referral, source)
    user = people[USERS[side]]
    result = workflow.perform(referral, action, user, note="Seen on Tuesday", **arguments(action, services))
    referral.refresh_from_db()
    assert referral.status == EXPECTED[(action, source)]
    event = referral.events.last()
    assert (event.action, event.status, event.actor, event.note) == (action, referral.status, user, "Seen on Tuesday")
    assert event.organisation == (referral.sender if side == SENDER else referral.service.organisation)
    assert AuditEvent.objects.filter(action=f"referral.{action}", target_id=str(referral.pk), actor=user).exists()
    if referral.status in Referral.ENDED_STATUSES:
        assert referral.ended_at is not None
    if action == "forward":
        assert result.forwarded_from == referral and result.service == services["geneva"]
        assert result.status == Status.SENT
    else:
        assert result.pk == referral.pk


@pytest.mark.parametrize("action,status", REFUSED_STATUS, ids=[f"{a}-from-{s}" for a, s in REFUSED_STATUS])
def test_step_refused_from_a_wrong_status(referral, people, services, action, status):
    referral = in_status(referral, status)
    side = sorted(TRANSITIONS[action].sides)[0]
    with pytest.raises(WorkflowError) as refused:
        workflow.perform(referral, action, people[USERS[side]], **arguments(action, services))
    assert str(Status(status).label) in refused.value.message
    assert str(TRANSITIONS[action].label) in refused.value.message
    referral.refresh_from_db()
    assert referral.status == status and referral.events.count() == 1  # only "sent"


@pytest.mark.parametrize("action,source,side", WRONG_SIDE, ids=[f"{a}-from-{s}-by-{d}" for a, s, d in WRONG_SIDE])
def test_step_refused_to_the_other_side(referral, people, services, action, source, side):
    referral = in_status(referral, source)
    with pytest.raises(WorkflowError, match="Only the"):
        workflow.perform(referral, action, people[USERS[side]], **arguments(action, services))
    referral.refresh_from_db()
    assert referral.status == source


@pytest.mark.parametrize("who", ["platform", "vaud_admin", "roseraie"])
def test_nobody_else_takes_a_step(referral, people, who):
    with pytest.raises(PermissionDenied):
        workflow.perform(referral, "accept", people[who])
    assert workflow.available(referral, people[who]) == []


def test_unknown_step(referral, people):
    with pytest.raises(WorkflowError, match="not a step"):
        workflow.perform(referral, "approve", people["appartenances"])


def test_what_each_side_may_do_now(referral, people):
    assert [t.action for t in workflow.available(referral, people["appartenances"])] == ["accept", "decline", "forward"]
    assert [t.action for t in workflow.available(referral, people["caritas"])] == ["cancel"]


def test_declining_needs_a_reason_and_an_appointment_a_date(referral, people):
    with pytest.raises(WorkflowError) as refused:
        workflow.perform(referral, "decline", people["appartenances"], reason="")
    assert refused.value.field == "reason"
    workflow.perform(referral, "accept", people["appartenances"])
    with pytest.raises(WorkflowError) as refused:
        workflow.perform(referral, "set_appointment", people["appartenances"])
    assert refused.value.field == "appointment_at"
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED and referral.decline_reason == ""


def test_accepting_and_setting_the_appointment_record_their_dates(referral, people):
    accepted_at = timezone.now() + timedelta(hours=3)
    appointment = timezone.now() + timedelta(days=5)
    workflow.perform(referral, "accept", people["appartenances"], now=accepted_at)
    workflow.perform(referral, "set_appointment", people["appartenances"], appointment_at=appointment)
    referral.refresh_from_db()
    assert (referral.accepted_at, referral.appointment_at) == (accepted_at, appointment)


def test_a_forward_carries_the_data_when_the_consent_names_the_new_organisation(send, people, organisations,
                                                                               services):
    referral = send(others=[organisations["geneva_cso"]])
    forwarded = workflow.perform(referral, "forward", people["appartenances"], service=services["geneva"],
                                 note="Lives in Geneva now")
    assert not forwarded.data_withheld
    assert (forwarded.name, forwarded.reference, forwarded.sender) == (NAME, "CV-001", organisations["caritas"])
    assert forwarded.events.get().note == "Lives in Geneva now"
    referral.refresh_from_db()
    # The old receiver keeps the status of both, not the person's data.
    assert access.can_see(people["appartenances"], referral) and not access.can_see_personal(people["appartenances"],
                                                                                            referral)
    assert access.can_see(people["appartenances"], forwarded) and not access.can_see_personal(
        people["appartenances"], forwarded)
    assert access.can_see_personal(people["roseraie"], forwarded)
    assert access.can_see_personal(people["caritas"], forwarded) and access.can_see_personal(people["caritas"],
                                                                                            referral)
    assert not access.can_see(people["roseraie"], referral)


def test_a_forward_to_an_organisation_the_consent_does_not_name_carries_no_personal_data(referral, people,
                                                                                         services):
    forwarded = workflow.perform(referral, "forward", people["appartenances"], service=services["geneva"],
                                 note="Please call Amina")
    assert forwarded.data_withheld
    assert forwarded.reference != "CV-001" and forwarded.reference.startswith("P-")
    assert (forwarded.name, forwarded.phone, forwarded.reason) == ("", "", "")
    assert forwarded.contact_preference == Referral.ContactPreference.THROUGH_SENDER
    assert forwarded.events.get().note == ""  # the forwarder's note stays with the referral it wrote it on


def test_a_forward_goes_to_another_active_service_of_another_organisation(referral, people, services):
    for service, message in ((None, "Choose the service"), (services["legal"], "another service"),
                             (services["course"], "cannot receive its own")):
        with pytest.raises(WorkflowError, match=message):
            workflow.perform(referral, "forward", people["appartenances"], service=service)
    services["geneva"].status = "inactive"
    services["geneva"].save()
    with pytest.raises(WorkflowError, match="not active"):
        workflow.perform(referral, "forward", people["appartenances"], service=services["geneva"])
    assert Referral.objects.count() == 1


def test_a_step_tells_the_other_side(referral, people, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(referral, "accept", people["appartenances"])
    assert [m.to for m in mailoutbox] == [[people["caritas"].email]]
    assert referral.number in mailoutbox[0].subject and "Accepted" in mailoutbox[0].subject
    assert NAME not in mailoutbox[0].body and "Permit" not in mailoutbox[0].body
