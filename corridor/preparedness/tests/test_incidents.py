"""Incidents: who is asked, in which language, sending through the gateway once per person even when
the job is retried, the answers' transitions and the tally by locality."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from corridor.core import jobs
from corridor.core.models import Job
from corridor.preparedness import exports, incidents, registration, tasks
from corridor.preparedness.gateways import GatewayError, LocmemGateway
from corridor.preparedness.models import CheckIn, Incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(register, places, users):
    return incidents.open_incident(
        register, users["caritas"], kind="flood", title="Crue de la Louve", description="Caves inondées",
        localities=[places["bellevaux"], places["prelaz"]], message="Inondation : allez-vous bien ?",
        content_language="fr", translations={"ar": {"message": "فيضان: هل أنت بخير؟"}, "ti": {"message": ""}})


def _send(incident, user, capture):
    with capture(execute=True):
        return incidents.request_check_in(incident, user)


def test_the_check_in_goes_to_the_confirmed_people_of_the_affected_localities_in_their_language(
        incident, register, places, add_person, users, sms_outbox, django_capture_on_commit_callbacks):
    add_person("Amina", "+41791234567", "bellevaux", languages=["ti", "ar"])
    add_person("Yonas", "+41791234568", "prelaz", languages=["ti"])
    add_person("Chloé", "chloe@example.org", "prelaz", channel="email", languages=["fr"])
    add_person("Sévelin person", "+41791234569", "sevelin")  # not affected
    registration.register_self(register, registration.Person(name="Unconfirmed", channel="sms",
                                                             contact="+41791234570", locality=places["bellevaux"]))

    assert _send(incident, users["caritas"], django_capture_on_commit_callbacks) == 3
    by_number = {message.to: message for message in sms_outbox}
    assert set(by_number) == {"+41791234567", "+41791234568"}
    # Amina reads Tigrinya first, which has no translation, then Arabic: she gets the Arabic message and
    # an answer page in Arabic.
    assert by_number["+41791234567"].text.startswith("فيضان: هل أنت بخير؟")
    assert "https://corridor.example.org/ar/preparedness/answer/" in by_number["+41791234567"].text
    assert by_number["+41791234568"].text.startswith("Inondation : allez-vous bien ?")
    [email] = mail.outbox
    assert email.to == ["chloe@example.org"] and email.subject == "Caritas Vaud: Crue de la Louve"
    assert "/fr/preparedness/answer/" in email.body
    assert set(CheckIn.objects.values_list("delivery", flat=True)) == {"sent"}
    # Sending again asks only people registered since.
    add_person("Newcomer", "+41791234571", "bellevaux")
    assert _send(incident, users["caritas"], django_capture_on_commit_callbacks) == 1
    assert len(sms_outbox) == 3 and sms_outbox[-1].to == "+41791234571"


def test_a_retried_job_sends_only_what_failed(incident, add_person, users, sms_outbox, monkeypatch):
    for number in range(4):
        add_person(f"Person {number}", f"+4179123456{number}")
    incidents.request_check_in(incident, users["caritas"])  # the job runs at commit: here we call it
    real_send = LocmemGateway.send
    attempts = []

    def flaky(self, message):
        attempts.append(message.to)
        if message.to == "+41791234562" and attempts.count(message.to) == 1:
            raise GatewayError("The gateway answered 503.")
        return real_send(self, message)

    monkeypatch.setattr(LocmemGateway, "send", flaky)
    with pytest.raises(GatewayError, match="1 check-in message"):
        tasks.send_checkins.function(incident.pk)
    assert sorted(m.to for m in sms_outbox) == ["+41791234560", "+41791234561", "+41791234563"]
    failed = CheckIn.objects.get(delivery="failed")
    assert failed.entry.contact == "+41791234562" and failed.attempts == 1 and "503" in failed.last_error

    tasks.send_checkins.function(incident.pk)  # the retry
    assert sorted(m.to for m in sms_outbox) == ["+41791234560", "+41791234561", "+41791234562", "+41791234563"]
    tasks.send_checkins.function(incident.pk)  # a third run sends nothing
    assert len(sms_outbox) == 4
    assert set(CheckIn.objects.values_list("delivery", flat=True)) == {"sent"}
    assert CheckIn.objects.get(pk=failed.pk).attempts == 2


def test_a_check_in_being_sent_elsewhere_is_not_sent_again(incident, add_person, users, sms_outbox):
    add_person("Amina", "+41791234567")
    incidents.request_check_in(incident, users["caritas"])
    CheckIn.objects.update(delivery=CheckIn.Delivery.SENDING)  # another worker claimed it, or crashed
    report = incidents.send_pending(incident)
    assert (report.sent, len(sms_outbox)) == (0, 0)


def test_channels_the_gateway_cannot_reach_are_left_for_a_phone_call(incident, add_person, users, settings,
                                                                   sms_outbox):
    settings.CORRIDOR_SMS_GATEWAY = "corridor.preparedness.gateways.HttpPostGateway"
    settings.CORRIDOR_SMS_GATEWAY_CHANNELS = "sms"
    add_person("Amina", "+41791234567", channel="signal")
    incidents.request_check_in(incident, users["caritas"])
    report = incidents.send_pending(incident)
    assert (report.unsupported, report.failed) == (1, 0)
    assert CheckIn.objects.get().delivery == "unsupported"


def test_answers_move_between_states_while_the_incident_is_open(incident, add_person, users):
    add_person("Amina", "+41791234567")
    incidents.request_check_in(incident, users["caritas"])
    checkin = CheckIn.objects.get()
    assert checkin.answer == "no-answer"
    incidents.record_answer(checkin, "safe")  # the person, by the link
    checkin.refresh_from_db()
    assert (checkin.answer, checkin.answered_via, checkin.answered_by) == ("safe", "link", None)
    assert checkin.answered_at is not None
    incidents.record_answer(checkin, "needs-help")  # they changed their mind
    assert CheckIn.objects.get().answer == "needs-help"
    with pytest.raises(ValueError):
        incidents.record_answer(checkin, "no-answer")  # only staff reset an answer
    with pytest.raises(ValueError):
        incidents.record_answer(checkin, "maybe", user=users["caritas"])
    incidents.record_answer(checkin, "safe", user=users["caritas"], note="Appelée à 14h")
    checkin.refresh_from_db()
    assert (checkin.answer, checkin.answered_via, checkin.answered_by, checkin.note) == (
        "safe", "staff", users["caritas"], "Appelée à 14h")
    incidents.record_answer(checkin, "no-answer", user=users["caritas"])
    checkin.refresh_from_db()
    assert (checkin.answer, checkin.answered_at, checkin.answered_via) == ("no-answer", None, "")

    incidents.close(incident, users["caritas"])
    assert Incident.objects.get().status == "closed" and Incident.objects.get().closed_at is not None
    for user in (None, users["caritas"]):
        with pytest.raises(incidents.IncidentClosed):
            incidents.record_answer(checkin, "safe", user=user)
    with pytest.raises(incidents.IncidentClosed):
        incidents.request_check_in(incident, users["caritas"])
    incidents.reopen(incident, users["caritas"])
    assert Incident.objects.get().status == "open" and Incident.objects.get().closed_at is None
    incidents.record_answer(CheckIn.objects.get(), "safe")
    assert CheckIn.objects.get().answer == "safe"


def test_the_tally_counts_answers_by_locality(incident, places, add_person, users):
    people = {}
    for number, place in enumerate(["bellevaux"] * 5 + ["prelaz"] * 3):
        people[number] = add_person(f"P{number}", f"+4179123450{number}", place)
    incidents.request_check_in(incident, users["caritas"])
    answers = {0: "safe", 1: "safe", 2: "safe", 3: "needs-help", 5: "safe", 6: "needs-help"}
    for number, answer in answers.items():
        incidents.record_answer(people[number].checkins.get(), answer)
    rows, totals = incidents.tally(incident)
    assert [(row.locality, row.cells, row.total) for row in rows] == [
        ("Lausanne – Bellevaux", [3, 1, 1], 5), ("Lausanne – Prélaz", [1, 1, 1], 3)]
    assert (totals.cells, totals.total) == ([4, 2, 2], 8)
    assert incidents.delivery_counts(incident)["pending"] == 8

    csv_text, count = exports.needs_help_csv(incident)
    assert count == 2
    lines = csv_text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Name or alias,Channel,Contact,Locality")
    assert [line.split(",")[0] for line in lines[1:]] == ["P3", "P6"]
    assert "+41791234503" in lines[1]


def test_csv_cells_are_not_formulas(register, add_person):
    add_person("=HYPERLINK(\"x\")", "+41791234567", needs="+SUM(A1)")
    csv_text, count = exports.register_csv(register)
    assert count == 1
    assert "'=HYPERLINK" in csv_text and "'+SUM(A1)" in csv_text
    assert ",+41791234567," in csv_text  # a phone number stays a phone number


def test_the_sending_is_a_job_recorded_with_the_check_ins_and_taken_up_after_a_dead_worker(
        incident, add_person, users, sms_outbox):
    for number in range(2):
        add_person(f"Person {number}", f"+4179123456{number}")
    incidents.request_check_in(incident, users["caritas"])  # in the test's transaction: never committed
    job = Job.objects.get(task="corridor.preparedness.tasks.send_checkins")
    assert (job.arguments, job.status, sms_outbox) == ([incident.pk], Job.Status.PENDING, [])
    # Its worker died after sending the first message: its claim on the job ran out.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1,
                                         lease_until=timezone.now() - timedelta(seconds=1))
    CheckIn.objects.filter(pk=CheckIn.objects.order_by("pk").first().pk).update(delivery=CheckIn.Delivery.SENT)
    assert jobs.sweep() == 1  # the queue runs it at once in the tests
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 2)
    assert [m.to for m in sms_outbox] == ["+41791234561"]
    jobs._run(job.pk)  # handed out again: nothing is sent twice
    assert len(sms_outbox) == 1
