"""Helpers shared by the tests of the consultation pages, moderation, notifications and API."""
from corridor.consultations import intake


def submit(consultation, body, **fields):
    """A contribution received through intake, by default from a visitor without account."""
    fields = {"author_name": "Awa Diop", "author_email": "awa@example.org", "country_code": "SN", **fields}
    return intake.receive(intake.Submission(consultation=consultation, body=body, **fields)).contribution
