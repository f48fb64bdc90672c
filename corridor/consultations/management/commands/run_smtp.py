import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from corridor.consultations import mail


class Command(BaseCommand):
    help = ("Receive contributions by e-mail: an SMTP endpoint for <consultation short name>@"
            "CONSULTATIONS_MAIL_DOMAIN, running until interrupted. Each accepted or refused message is logged.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.CONSULTATIONS_SMTP_HOST)
        parser.add_argument("--port", type=int, default=settings.CONSULTATIONS_SMTP_PORT)

    def handle(self, *args, host, port, **options):
        mail.logger.setLevel(logging.INFO)  # the project logs warnings only; this command's work is the info
        controller = mail.serve(host, port)
        self.stdout.write(f"Receiving contributions for *@{settings.CONSULTATIONS_MAIL_DOMAIN} on {host}:{port}; "
                          "Ctrl-C to stop.")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
