"""One way out for every message to a person in a register: e-mail through Django's mail backend, SMS
and messaging apps through the configured gateway (gateways.py). Messages are written in the person's
language when the platform speaks it."""
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

from .gateways import GatewayError, ShortMessage, get_gateway
from .models import Channel

INTERFACE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class ChannelNotReachable(Exception):
    """The configured gateway does not reach this channel: staff have to call the person."""


def reachable_channels() -> set[str]:
    return {Channel.EMAIL.value, *get_gateway().channels}


def deliver(channel: str, to: str, text: str, subject: str) -> str:
    """Send one message; the gateway's reference, GatewayError if it did not leave."""
    if channel == Channel.EMAIL:
        try:
            EmailMessage(subject=subject, body=text, to=[to]).send()
        except (smtplib.SMTPException, OSError) as error:
            raise GatewayError(f"The e-mail was not sent: {error}") from error
        return ""
    gateway = get_gateway()
    if channel not in gateway.channels:
        raise ChannelNotReachable(channel)
    return gateway.send(ShortMessage(channel=channel, to=to, text=text))


def interface_language(languages, fallback: str = "") -> str:
    """The first of a person's languages the interface speaks, for their links and our texts."""
    for code in [*(languages or []), fallback]:
        if code in INTERFACE_LANGUAGES:
            return code
    return settings.LANGUAGE_CODE
