import mailbox
from email import message_from_binary_file, policy
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from corridor.consultations import mail
from corridor.consultations.intake import Refused
from corridor.consultations.models import Consultation

NO_CONSULTATION = "none of its recipients (To, Cc) is the address of a consultation; use --consultation"


class Command(BaseCommand):
    help = ("Import contributions from e-mail files: single messages (.eml) and mbox archives. Each message goes "
            "to --consultation, or to the consultations whose addresses it was sent to (To, Cc). Messages already "
            "received are counted as duplicates; refused ones are listed with the reason.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--consultation", metavar="SLUG", help="short name of the consultation")
        parser.add_argument("--accept-closed", action="store_true",
                            help="also import into a consultation that no longer accepts contributions "
                                 "(the archive of a past discussion)")

    def handle(self, *args, paths, consultation, accept_closed, **options):
        chosen = None
        if consultation:
            chosen = Consultation.objects.filter(slug=consultation).first()
            if chosen is None:
                raise CommandError(f"No consultation with the short name {consultation!r}.")
        added = duplicates = refused = 0
        for label, message in _messages(paths):
            try:
                outcomes = _import(message, chosen, accept_closed=accept_closed)
            except Refused as refusal:
                refused += 1
                self.stderr.write(f"{label}: refused: {refusal}")
                continue
            created = sum(outcome.created for outcome in outcomes)
            added += created
            duplicates += len(outcomes) - created
        self.stdout.write(f"{added} added, {duplicates} duplicates, {refused} refused.")


def _import(message, chosen: Consultation | None, *, accept_closed: bool):
    consultations = [chosen] if chosen else mail.consultations_addressed(mail.recipients(message))
    if not consultations:
        raise Refused(NO_CONSULTATION)
    return mail.receive_message(message, consultations, accept_closed=accept_closed)


def _messages(paths):
    """(label, message) for each message of the files, parsed with the modern e-mail policy."""
    for path in map(Path, paths):
        try:
            with path.open("rb") as file:
                is_mbox = file.read(5) == b"From "  # mbox archives start each message with a "From " line
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.")
        if not is_mbox:
            with path.open("rb") as file:
                yield str(path), message_from_binary_file(file, policy=policy.default)
            continue
        archive = mailbox.mbox(path, factory=partial(message_from_binary_file, policy=policy.default), create=False)
        try:
            for number, message in enumerate(archive, start=1):
                yield f"{path} (message {number})", message
        finally:
            archive.close()
