"""The one way a contribution comes in, whatever the channel (web form, API, e-mail, imported archive):
`receive(Submission(...))` sanitises the body, detects its language, splits it into answers, refuses
what was already received and stores the rest, with its attachments and its author as a participant;
organisers hear of what awaits their moderation.
See docs/consultations.md."""
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256
from html import escape
from html.parser import HTMLParser

import nh3
import pycountry
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from corridor.core import uploads
from corridor.core.languages import is_language_code
from corridor.core.uploads import FileType
from corridor.directory.models import Organisation
from corridor.territories.models import Territory

from . import language, notifications
from .models import Answer, Attachment, Consultation, Contribution, Participant
from .splitting import own_words, split_answers

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote", "a", "h3", "h4"}
_SANITISER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes={"a": {"href"}}, clean_content_tags={"script", "style"},
                         url_schemes={"http", "https", "mailto"}, url_relative="deny",
                         link_rel="noopener nofollow")
_URL = re.compile(r"https?://[^\s<>\"'«»]+")
_URL_TRAILING_PUNCTUATION = ".,;:!?)]}"


class Refused(ValueError):
    """The submission cannot become a contribution; the message says why, in the reader's language,
    and `field` names the Submission field at fault when there is one."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class IncomingAttachment:
    filename: str
    content_type: str
    content: bytes


@dataclass
class Submission:
    """What a channel knows about a contribution. `question_numbers` are the questions the
    contributor chose, which text naming no question answers."""

    consultation: Consultation
    body: str
    is_html: bool = False
    author: AbstractBaseUser | None = None  # a member with an account
    author_name: str = ""
    author_email: str = ""
    is_anonymous: bool = False
    organisation: Organisation | None = None
    organisation_name: str = ""
    organisation_kind: str = ""
    country_code: str = ""
    territory: Territory | None = None
    language: str = ""
    subject: str = ""
    question_numbers: Iterable[int] = ()
    reply_to: Contribution | None = None
    channel: str = Contribution.Channel.WEB
    source_reference: str = ""
    submitted_at: datetime | None = None
    attachments: Sequence[IncomingAttachment] = ()
    links: Sequence[str] = ()


@dataclass(frozen=True)
class Outcome:
    contribution: Contribution
    created: bool  # False: the same contribution had already been received, nothing was written


def receive(submission: Submission, *, accept_closed: bool = False, status: str | None = None) -> Outcome:
    """Store a submission as a contribution, or return the one already received.

    `accept_closed` and `status` are for trusted imports only (archives of a past discussion, whose
    moderation state is known); every channel open to the public leaves them alone."""
    consultation = submission.consultation
    if not (accept_closed or consultation.is_accepting()):
        raise Refused(_("This consultation is not accepting contributions."))
    if submission.reply_to is not None and submission.reply_to.consultation_id != consultation.pk:
        raise Refused(_("A reply must answer a contribution of the same consultation."), "reply_to")
    body = sanitise(submission.body, is_html=submission.is_html)
    body_text, hrefs = plain_text(body)
    words = own_words(body_text)
    if not words:
        raise Refused(_("The contribution is empty."), "body")
    attachments = [_checked(attachment) for attachment in submission.attachments]
    contribution = _contribution(submission, body, body_text, words, hrefs, status)

    with transaction.atomic():
        duplicate = _stored_duplicate(consultation, contribution.fingerprint, contribution.source_reference)
        if duplicate is not None:
            return Outcome(duplicate, created=False)
        try:
            with transaction.atomic():  # a savepoint: the rest of the transaction survives a lost race
                contribution.save()
        except IntegrityError:
            # The same contribution arrived at the same moment through another channel or process.
            duplicate = _stored_duplicate(consultation, contribution.fingerprint, contribution.source_reference)
            if duplicate is None:
                raise
            return Outcome(duplicate, created=False)
        Answer.objects.bulk_create(_answers(contribution, words, submission.question_numbers))
        for name, file_type, content in attachments:
            _store_attachment(contribution, name, file_type, content)
        _record_participant(contribution)
    if status is None and contribution.status == Contribution.Status.PENDING:  # imports are not announced
        transaction.on_commit(lambda: notifications.contribution_awaits_moderation(contribution))
    return Outcome(contribution, created=True)


def sanitise(body: str, *, is_html: bool) -> str:
    """Safe HTML: the few tags a contribution needs; plain text becomes paragraphs."""
    if not is_html:
        body = "".join(f"<p>{'<br>'.join(escape(line.strip(), quote=False) for line in paragraph.splitlines())}</p>"
                       for paragraph in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n").strip()))
    return _SANITISER.clean(body).strip()


def plain_text(html: str) -> tuple[str, list[str]]:
    """The text of sanitised HTML, a line per paragraph, list item and line break, quoted lines
    starting with "> ", and the addresses it links to."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.hrefs


def fingerprint(consultation_id: int, author_identity: str, words: str) -> str:
    """The same author's same words in the same consultation, whatever their spacing or case."""
    normalised = " ".join(words.casefold().split())
    return sha256(f"{consultation_id}\n{author_identity}\n{normalised}".encode()).hexdigest()


def _author_identity(submission: Submission) -> str:
    if submission.author_email.strip():
        return "email:" + submission.author_email.strip().lower()
    if submission.author is not None:
        return f"user:{submission.author.pk}"
    return "name:" + " ".join(submission.author_name.casefold().split())


def _contribution(submission: Submission, body: str, body_text: str, words: str, hrefs: list[str],
                  status: str | None) -> Contribution:
    """The contribution to store, validated but not saved."""
    consultation = submission.consultation
    chosen_language = submission.language.strip().lower()
    if chosen_language and not is_language_code(chosen_language):
        raise Refused(_("“%(code)s” is not a language code.") % {"code": chosen_language}, "language")
    country_code = submission.country_code.strip().upper()
    if country_code and pycountry.countries.get(alpha_2=country_code) is None:
        raise Refused(_("“%(code)s” is not a country code.") % {"code": country_code}, "country_code")
    if status not in (None, Contribution.Status.PENDING, Contribution.Status.PUBLISHED):
        raise ValueError(f"A new contribution cannot be {status!r}.")
    detected, confidence = language.detect(words, consultation.languages)
    submitted_at = submission.submitted_at or timezone.now()
    contribution = Contribution(
        consultation=consultation, author=submission.author, author_name=submission.author_name.strip(),
        author_email=submission.author_email.strip(), is_anonymous=submission.is_anonymous,
        organisation=submission.organisation, organisation_name=submission.organisation_name.strip(),
        organisation_kind=submission.organisation_kind, country_code=country_code, territory=submission.territory,
        language=chosen_language or detected or consultation.content_language, detected_language=detected,
        language_confidence=confidence, subject=submission.subject.strip(), body=body, body_text=body_text,
        links=_links(submission.links, hrefs, body_text), reply_to=submission.reply_to, channel=submission.channel,
        fingerprint=fingerprint(consultation.pk, _author_identity(submission), words),
        source_reference=submission.source_reference.strip(),
        status=status or (Contribution.Status.PENDING if consultation.premoderation
                          else Contribution.Status.PUBLISHED),
        submitted_at=timezone.make_aware(submitted_at) if timezone.is_naive(submitted_at) else submitted_at,
    )
    try:
        # Related rows were chosen by the channel; the rest is checked here (lengths, e-mail, kinds).
        contribution.full_clean(exclude={"consultation", "author", "organisation", "territory", "reply_to"},
                                validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        problems = invalid.message_dict
        raise Refused(" ".join(f"{capfirst(Contribution._meta.get_field(name).verbose_name)}: {message}"
                               for name, messages in problems.items() for message in messages), next(iter(problems)))
    return contribution


def _stored_duplicate(consultation: Consultation, digest: str, source_reference: str) -> Contribution | None:
    same = Q(fingerprint=digest)
    if source_reference:
        same |= Q(source_reference=source_reference)
    return consultation.contributions.filter(same).order_by("pk").first()


def _links(explicit: Iterable[str], hrefs: Iterable[str], text: str) -> list[str]:
    found = [match.group().rstrip(_URL_TRAILING_PUNCTUATION) for match in _URL.finditer(text)]
    web_hrefs = [href for href in hrefs if href.startswith(("http://", "https://"))]
    return list(dict.fromkeys(link.strip() for link in [*explicit, *web_hrefs, *found] if link.strip()))


def _answers(contribution: Contribution, words: str, chosen_numbers: Iterable[int]) -> list[Answer]:
    questions = {question.number: question for question in contribution.consultation.questions.all()}
    chosen = [questions[number] for number in dict.fromkeys(chosen_numbers) if number in questions]
    parts = split_answers(words, questions)
    # Text naming no question answers each question the contributor chose. In a post that names
    # questions, a part without one (a long introduction, "Question 9") only goes to a single chosen one.
    names_questions = any(number is not None for number, _ in parts)
    fallback = chosen if not names_questions or len(chosen) == 1 else []
    answers = []
    for number, text in parts:
        for question in [questions[number]] if number in questions else fallback or [None]:
            answers.append(Answer(contribution=contribution, question=question, position=len(answers), text=text))
    return answers


def _record_participant(contribution: Contribution) -> None:
    """Contributors hear about moderation and the report like everyone who follows the consultation."""
    email = contribution.author_email
    if not email:
        return
    # Addresses differ in case from one channel to the next; the stored one is kept.
    participant = contribution.consultation.participants.filter(email__iexact=email).order_by("pk").first()
    if participant is None:
        participant = Participant.objects.get_or_create(
            consultation=contribution.consultation, email=email,
            defaults={"user": contribution.author, "name": contribution.author_name,
                      "language": contribution.language})[0]
    if participant.user_id is None and contribution.author_id is not None:
        participant.user = contribution.author
        participant.save(update_fields=["user"])


# Attachments: what people may send, recognised by content rather than trusted from the name
# (corridor/core/uploads.py, shared with the other uploads of the site).

def _checked(attachment: IncomingAttachment) -> tuple[str, FileType, bytes]:
    """(display name, type, content) of an acceptable attachment; Refused otherwise."""
    try:
        name, file_type = uploads.checked(attachment.filename, attachment.content,
                                          settings.CONSULTATIONS_MAX_ATTACHMENT_BYTES)
    except uploads.Refused as refused:
        raise Refused(str(refused), "attachments") from None
    return name, file_type, attachment.content


def _store_attachment(contribution: Contribution, name: str, file_type: FileType, content: bytes) -> None:
    attachment = Attachment(contribution=contribution, filename=name, content_type=file_type.content_type,
                            size=len(content))
    # Stored under a random name: what people call their files never reaches the file system.
    attachment.file.save(f"{uuid.uuid4().hex}.{file_type.extensions[0]}", ContentFile(content), save=True)


class _PlainText(HTMLParser):
    _BLOCKS = {"p", "h3", "h4", "ul", "ol", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = [(0, "")]  # (quote depth, text)
        self.lists: list[int | None] = []  # the next number of each open <ol>, None for <ul>
        self.quote_depth = 0
        self.hrefs: list[str] = []

    def _new_line(self, *, blank: bool = False):
        if blank:
            self.lines.append((self.quote_depth, ""))
        self.lines.append((self.quote_depth, ""))

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.quote_depth += 1
        if tag in self._BLOCKS:
            self._new_line(blank=True)
        if tag in ("ol", "ul"):
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "br":
            self._new_line()
        elif tag == "li":
            self._new_line()
            number = self.lists[-1] if self.lists else None
            self.handle_data(f"{number}. " if number else "- ")
            if number:
                self.lists[-1] += 1
        elif tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
        if tag in self._BLOCKS:
            self._new_line(blank=True)

    def handle_data(self, data):
        depth, text = self.lines[-1]
        self.lines[-1] = (depth, text + re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = [("> " * depth if text.strip() else "") + text.strip() for depth, text in self.lines]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
