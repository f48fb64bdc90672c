"""The editorial workflow of a good practice and of each of its translations: draft → in review →
published. Writers submit; reviewers publish, return a practice to its writers with a note, or withdraw
a published one (rules in access.py). The template is checked on the way to review and publication."""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, template
from .models import GoodPractice

Status = GoodPractice.Status


class WorkflowError(Exception):
    """The step cannot be taken: `problems` says why, by field (or under "" for the practice as a whole)."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" if field else message for field, message in problems.items()))


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _check_status(current: str, *allowed: str) -> None:
    if current not in allowed:
        raise WorkflowError({"": _("This step is not possible while the status is “%(status)s”.")
                                 % {"status": Status(current).label}})


def _check_template(practice: GoodPractice) -> None:
    problems = template.problems(practice)
    if problems:
        raise WorkflowError(problems)


@transaction.atomic
def submit(practice: GoodPractice, user) -> None:
    _require(access.can_write(user, practice))
    _check_status(practice.status, Status.DRAFT)
    _check_template(practice)
    practice.status, practice.submitted_at = Status.REVIEW, timezone.now()
    practice.save(update_fields=["status", "submitted_at", "updated_at"])


@transaction.atomic
def publish(practice: GoodPractice, user) -> None:
    _require(access.can_review(user, practice))
    _check_status(practice.status, Status.DRAFT, Status.REVIEW)
    _check_template(practice)
    practice.status, practice.published_at, practice.review_note = Status.PUBLISHED, timezone.now(), ""
    practice.save(update_fields=["status", "published_at", "review_note", "updated_at"])


@transaction.atomic
def return_to_writers(practice: GoodPractice, user, note: str) -> None:
    _require(access.can_review(user, practice))
    _check_status(practice.status, Status.REVIEW)
    if not note.strip():
        raise WorkflowError({"note": _("Tell the writers what to change.")})
    practice.status, practice.review_note = Status.DRAFT, note.strip()
    practice.save(update_fields=["status", "review_note", "updated_at"])


@transaction.atomic
def withdraw(practice: GoodPractice, user) -> None:
    _require(access.can_review(user, practice))
    _check_status(practice.status, Status.PUBLISHED)
    practice.status = Status.DRAFT
    practice.save(update_fields=["status", "updated_at"])


# Translations: the same steps, on the status of one language.

def save_translation(practice: GoodPractice, user, language: str, texts: dict) -> None:
    """Store one language's texts; a published translation changed by a writer goes back to draft."""
    _require(access.can_write(user, practice))
    status = practice.translation_status.get(language, Status.DRAFT)
    if language not in practice.translations or not access.can_review(user, practice):
        status = Status.DRAFT
    practice.translations[language] = {name: text for name, text in texts.items() if text}
    practice.translation_status[language] = status
    practice.save(update_fields=["translations", "translation_status", "updated_at"])


def _set_translation_status(practice: GoodPractice, language: str, status: str) -> None:
    practice.translation_status[language] = status
    practice.save(update_fields=["translation_status", "updated_at"])


def submit_translation(practice: GoodPractice, user, language: str) -> None:
    _require(access.can_write(user, practice) and language in practice.translations)
    _check_status(practice.status_of_translation(language), Status.DRAFT)
    problems = template.translation_problems(practice.translations[language])
    if problems:
        raise WorkflowError(problems)
    _set_translation_status(practice, language, Status.REVIEW)


def publish_translation(practice: GoodPractice, user, language: str) -> None:
    _require(access.can_review(user, practice) and language in practice.translations)
    _check_status(practice.status_of_translation(language), Status.DRAFT, Status.REVIEW)
    problems = template.translation_problems(practice.translations[language])
    if problems:
        raise WorkflowError(problems)
    _set_translation_status(practice, language, Status.PUBLISHED)


def return_translation(practice: GoodPractice, user, language: str) -> None:
    """Send a translation in review, or withdraw a published one, back to draft."""
    _require(access.can_review(user, practice) and language in practice.translations)
    _check_status(practice.status_of_translation(language), Status.REVIEW, Status.PUBLISHED)
    _set_translation_status(practice, language, Status.DRAFT)
