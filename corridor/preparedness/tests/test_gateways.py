"""The gateway chosen by CORRIDOR_SMS_GATEWAY: console, locmem and the generic HTTP POST adapter, tried
against a small local HTTP server."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from corridor.preparedness import gateways
from corridor.preparedness.gateways import GatewayError, ShortMessage

MESSAGE = ShortMessage(channel="sms", to="+41791234567", text="Allez-vous bien ?")


def test_the_setting_chooses_the_gateway(settings):
    settings.CORRIDOR_SMS_GATEWAY = "corridor.preparedness.gateways.ConsoleGateway"
    assert isinstance(gateways.get_gateway(), gateways.ConsoleGateway)
    settings.CORRIDOR_SMS_GATEWAY = "corridor.preparedness.gateways.LocmemGateway"
    assert isinstance(gateways.get_gateway(), gateways.LocmemGateway)


def test_console_prints_and_locmem_keeps(capsys, sms_outbox):
    gateways.ConsoleGateway().send(MESSAGE)
    assert "[sms to +41791234567] Allez-vous bien ?" in capsys.readouterr().out
    assert gateways.LocmemGateway().send(MESSAGE) == "locmem-1"
    assert sms_outbox == [MESSAGE]


@pytest.fixture
def server():
    received, status = [], {"code": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Authorization"], json.loads(body)))
            self.send_response(status["code"])
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"id": "msg-42"}')

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/send", received, status
    httpd.shutdown()


def test_http_post_gateway(settings, server):
    url, received, status = server
    settings.CORRIDOR_SMS_GATEWAY_URL, settings.CORRIDOR_SMS_GATEWAY_TOKEN = url, "secret-token"
    settings.CORRIDOR_SMS_GATEWAY_CHANNELS = "sms, whatsapp, fax"
    gateway = gateways.HttpPostGateway()
    assert gateway.channels == {"sms", "whatsapp"}
    assert gateway.send(MESSAGE) == "msg-42"
    assert received == [("Bearer secret-token", {"channel": "sms", "to": "+41791234567",
                                                 "text": "Allez-vous bien ?"})]
    status["code"] = 503
    with pytest.raises(GatewayError, match="503"):
        gateway.send(MESSAGE)


def test_http_post_gateway_unreachable_or_unconfigured(settings):
    settings.CORRIDOR_SMS_GATEWAY_URL = ""
    with pytest.raises(GatewayError, match="not set"):
        gateways.HttpPostGateway().send(MESSAGE)
    settings.CORRIDOR_SMS_GATEWAY_URL = "http://127.0.0.1:9/"  # discard port: nothing listens
    with pytest.raises(GatewayError, match="cannot be reached"):
        gateways.HttpPostGateway().send(MESSAGE)
