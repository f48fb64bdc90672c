"""Contributions by e-mail. A consultation's address is <slug>@CONSULTATIONS_MAIL_DOMAIN (or
<slug>+anything@, which mail clients and lists use to sort). The SMTP endpoint (`serve`, behind
`manage.py run_smtp`) refuses unknown and closed consultations while the sender is still connected,
so people get a bounce that says why; `manage.py import_mail` reads the same messages from files."""
import logging
import mimetypes
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

import nh3
from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections

from . import intake
from .models import Consultation, Contribution
from .splitting import question_references

logger = logging.getLogger(__name__)

_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# "Respuestas - Semana 1", "Contribution - Week1": the subject names a round rather than questions.
_ROUND = re.compile(r"(?<!\w)(?:week|semaine|semana|round|ronda|tour|الأسبوع|أسبوع)\s*(\d{1,2})(?!\d)", re.IGNORECASE)
# The line a mail client writes above the text it quotes: "On 8 Jul 2013, JMDI <...> wrote:".
_ATTRIBUTION = re.compile(r"(?:wrote|a écrit|escribió|كتب)\s*:\s*$", re.IGNORECASE)
# Where Outlook-style clients put the whole earlier message below the reply.
_EARLIER_MESSAGE = re.compile(r"^\s*-{2,}\s*(?:original message|message d'origine|mensaje original)\s*-{2,}\s*$",
                              re.IGNORECASE)
_OUTLOOK_RULE = re.compile(r"^\s*_{10,}\s*$")
_HEADER_LINE = re.compile(r"^\s*(?:from|de|von|da)\s*:", re.IGNORECASE)
# Quoted HTML is removed with its content; what remains is sanitised again by intake.
_HTML_WITHOUT_QUOTES = nh3.Cleaner(tags=intake.ALLOWED_TAGS - {"blockquote"}, attributes={"a": {"href"}},
                                   clean_content_tags={"blockquote", "script", "style"}, link_rel=None)


def consultation_for_address(address: str) -> Consultation | None:
    """The consultation an address such as "M4D+week2@consult.example.org" reaches, if any. Points for
    reflection of a learning module are answered by its learners on the module's pages, never by mail."""
    local_part, at, domain = parseaddr(address)[1].rpartition("@")
    if not at or domain.lower() != settings.CONSULTATIONS_MAIL_DOMAIN.lower():
        return None
    slug = local_part.split("+", 1)[0]
    if not slug:
        return None
    return Consultation.objects.filter(slug__iexact=slug).exclude(kind=Consultation.Kind.REFLECTION).first()


def consultations_addressed(addresses: Iterable[str]) -> list[Consultation]:
    """The consultations among `addresses`, each once."""
    found = {}
    for address in addresses:
        consultation = consultation_for_address(address)
        if consultation is not None:
            found.setdefault(consultation.pk, consultation)
    return list(found.values())


def recipients(message: EmailMessage) -> list[str]:
    """The addresses a message was written to (To and Cc), as when it is read from a file."""
    return [address for _, address in getaddresses([str(value) for value in message.get_all("To", [])
                                                    + message.get_all("Cc", [])])]


def submission_from_message(message: EmailMessage, consultation: Consultation) -> intake.Submission:
    """What a message says, as a submission to `consultation`. The message must have been parsed
    with `email.policy.default`."""
    name, address = parseaddr(str(message.get("From", "")))
    subject = " ".join(str(message.get("Subject", "")).split())
    body_part = message.get_body(preferencelist=("plain", "html"))
    body, is_html = _body(body_part)
    return intake.Submission(
        consultation=consultation, body=body, is_html=is_html, author_name=name.strip()[:200],
        author_email=address.strip(), subject=subject[:255],
        question_numbers=_question_numbers(subject, consultation),
        reply_to=_replied_contribution(message, consultation), channel=Contribution.Channel.EMAIL,
        source_reference=str(message.get("Message-ID", "")).strip()[:255], submitted_at=_written_on(message),
        attachments=list(_attachments(message, body_part)))


def receive_message(message: EmailMessage, consultations: Iterable[Consultation], *,
                    accept_closed: bool = False) -> list[intake.Outcome]:
    """The message as a contribution to each consultation; raises intake.Refused at the first refusal."""
    return [intake.receive(submission_from_message(message, consultation), accept_closed=accept_closed)
            for consultation in consultations]


def without_quoted_reply(text: str) -> str:
    """A reply's own text: without the lines it quotes, the line introducing them, or the earlier
    message a client appends below."""
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        if _EARLIER_MESSAGE.match(line) or (_OUTLOOK_RULE.match(line) and _HEADER_LINE.match(
                next((later for later in lines[index + 1:] if later.strip()), ""))):
            lines = lines[:index]
            break
    kept: list[str] = []
    for line in lines:
        if line.lstrip().startswith(">"):
            while kept and not kept[-1].strip():
                kept.pop()
            if kept and _ATTRIBUTION.search(kept[-1]):
                kept.pop()
            continue
        kept.append(line)
    return re.sub(r"\n\s*\n", "\n\n", "\n".join(kept)).strip()


def _body(part: EmailMessage | None) -> tuple[str, bool]:
    if part is None:
        return "", False
    if part.get_content_type() == "text/html":
        return _HTML_WITHOUT_QUOTES.clean(_text_of(part)), True
    return without_quoted_reply(_text_of(part)), False


def _text_of(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeDecodeError):  # an unknown or wrong charset: keep what can be read
        return (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")


def _attachments(message: EmailMessage, body_part: EmailMessage | None):
    for part in message.walk():
        if part.is_multipart() or part is body_part:
            continue
        filename = part.get_filename()
        # Pictures shown inside an HTML message (logos of signatures) have a Content-ID and are not sent files.
        if part.get_content_disposition() == "attachment" or (filename and not part["Content-ID"]):
            content_type = part.get_content_type()
            yield intake.IncomingAttachment(
                filename or f"attachment{mimetypes.guess_extension(content_type) or ''}", content_type,
                part.get_payload(decode=True) or b"")


def _written_on(message: EmailMessage) -> datetime | None:
    try:
        return parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
    except (TypeError, ValueError):
        return None


def _question_numbers(subject: str, consultation: Consultation) -> list[int]:
    numbers = question_references(subject)
    round_named = _ROUND.search(subject)
    if not numbers and round_named:
        numbers = list(consultation.questions.filter(round__number=int(round_named[1]))
                       .values_list("number", flat=True))
    return numbers


def _replied_contribution(message: EmailMessage, consultation: Consultation) -> Contribution | None:
    # The direct parent first (In-Reply-To, then the last of References), then older ancestors.
    references = _MESSAGE_ID.findall(str(message.get("In-Reply-To", "")))
    references += reversed(_MESSAGE_ID.findall(str(message.get("References", ""))))
    if not references:
        return None
    found = {contribution.source_reference: contribution
             for contribution in consultation.contributions.filter(source_reference__in=references)}
    return next((found[reference] for reference in references if reference in found), None)


# The SMTP endpoint.

def _in_worker_thread(function):
    """Run ORM work away from the event loop, closing the thread's database connections afterwards
    (the worker threads outlive the message and would otherwise hold connections open)."""
    def work(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()
    return sync_to_async(work, thread_sensitive=False)


def _recipient_refusal(address: str) -> str | None:
    consultation = consultation_for_address(address)
    if consultation is None:
        return "550 5.1.1 No such consultation"
    if not consultation.is_accepting():
        return "550 5.7.1 This consultation is not accepting contributions"
    return None


def _receive_delivered(content: bytes, addresses: list[str]) -> None:
    message = message_from_bytes(content, policy=policy.default)
    for outcome in receive_message(message, consultations_addressed(addresses)):
        logger.info("%s message %s from %s to %s", "Accepted" if outcome.created else "Already had",
                    message.get("Message-ID", "(no Message-ID)"), message.get("From", ""),
                    outcome.contribution.consultation.slug)


def _smtp_text(text: str) -> str:
    """SMTP replies are one line of ASCII."""
    return " ".join(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().split())


class ConsultationMailHandler:
    """aiosmtpd handler: recipients are checked one by one, then the message becomes a contribution
    to each consultation it was sent to."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = await _in_worker_thread(_recipient_refusal)(address)
        if refusal:
            logger.info("Refused recipient %s: %s", address, refusal)
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        try:
            await _in_worker_thread(_receive_delivered)(envelope.original_content or envelope.content,
                                                        list(envelope.rcpt_tos))
        except intake.Refused as refusal:
            logger.info("Refused a message from %s to %s: %s", envelope.mail_from, envelope.rcpt_tos, refusal)
            return f"550 5.7.1 {_smtp_text(str(refusal))}"
        except Exception:
            # A temporary failure: the sender's server keeps the message and tries again later.
            logger.exception("Could not store a message from %s to %s", envelope.mail_from, envelope.rcpt_tos)
            return "451 4.3.0 The message could not be stored, please try again later"
        return "250 Message accepted"


def serve(host: str, port: int) -> Controller:
    """Start the SMTP endpoint in a thread of its own; stop it with `.stop()`."""
    controller = Controller(ConsultationMailHandler(), hostname=host, port=port, enable_SMTPUTF8=True,
                            server_hostname=settings.CONSULTATIONS_MAIL_DOMAIN)
    controller.start()
    return controller
