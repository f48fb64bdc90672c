"""How short messages leave the platform: SMS and messaging apps, through a gateway chosen by the
CORRIDOR_SMS_GATEWAY setting (a dotted path), the way Django chooses its e-mail backend.

- ConsoleGateway (development): writes each message to the log and standard output.
- LocmemGateway (tests): keeps messages in `outbox`, like django.core.mail's locmem backend.
- HttpPostGateway (production): posts {"channel", "to", "text"} as JSON to CORRIDOR_SMS_GATEWAY_URL with
  the bearer token CORRIDOR_SMS_GATEWAY_TOKEN, for the channels in CORRIDOR_SMS_GATEWAY_CHANNELS. Most SMS
  providers and self-hosted gateways (an Android phone running an SMS gateway app, a provider's relay)
  take such a request directly or through a few lines of glue; no vendor SDK is needed.

A gateway raises GatewayError when a message did not leave; the caller records it and retries later."""
import json
import logging
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

MESSAGING_CHANNELS = frozenset({"sms", "whatsapp", "signal", "telegram"})
logger = logging.getLogger(__name__)


class GatewayError(Exception):
    """The message was not sent (the gateway is down, refused it, or timed out)."""


@dataclass(frozen=True)
class ShortMessage:
    channel: str
    to: str
    text: str


class Gateway:
    """Sends one message at a time; `channels` are those it can reach."""

    channels: frozenset[str] = MESSAGING_CHANNELS

    def send(self, message: ShortMessage) -> str:
        """Send `message`; return the gateway's reference for it (may be empty)."""
        raise NotImplementedError


class ConsoleGateway(Gateway):
    def send(self, message: ShortMessage) -> str:
        line = f"[{message.channel} to {message.to}] {message.text}"
        logger.info("Short message %s", line)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        return ""


class LocmemGateway(Gateway):
    outbox: list[ShortMessage] = []

    def send(self, message: ShortMessage) -> str:
        LocmemGateway.outbox.append(message)
        return f"locmem-{len(LocmemGateway.outbox)}"


class HttpPostGateway(Gateway):
    timeout = 15

    def __init__(self):
        self.url = settings.CORRIDOR_SMS_GATEWAY_URL
        self.token = settings.CORRIDOR_SMS_GATEWAY_TOKEN
        self.channels = frozenset(c.strip() for c in settings.CORRIDOR_SMS_GATEWAY_CHANNELS.split(",")
                                  if c.strip()) & MESSAGING_CHANNELS

    def send(self, message: ShortMessage) -> str:
        if not self.url:
            raise GatewayError("CORRIDOR_SMS_GATEWAY_URL is not set.")
        body = json.dumps({"channel": message.channel, "to": message.to, "text": message.text}).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = response.read(10_000)
        except urllib.error.HTTPError as error:
            raise GatewayError(f"The gateway answered {error.code}.") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise GatewayError(f"The gateway cannot be reached: {error}") from error
        try:
            return str(json.loads(answer).get("id", ""))[:100]
        except (ValueError, AttributeError):
            return ""


def get_gateway() -> Gateway:
    return import_string(settings.CORRIDOR_SMS_GATEWAY)()
