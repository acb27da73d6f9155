"""Delivery: the --notify command hook and the webhook, against a local HTTP receiver."""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from brinkwatch.errors import DeliveryError
from brinkwatch.monitor.alerts import detect
from brinkwatch.monitor.delivery import notify, post
from brinkwatch.monitor.params import MonitorParams
from tests.monitor.factory import ASSAULT, THREATEN, ev


@pytest.fixture
def alerts():
    events = [ev(0, "AAA", "BBB", ASSAULT, "d1"), ev(1, "AAA", "BBB", THREATEN, "d2")]
    found = detect(events, MonitorParams())
    assert len(found) == 1
    return found


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list] = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Receiver.received, Receiver.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", Receiver
    server.shutdown()
    server.server_close()


def test_webhook_receives_the_alert_json(alerts, receiver):
    url, handler = receiver
    assert post(url, alerts) == 1
    [(ctype, body)] = handler.received
    assert ctype == "application/json"
    assert body["schema"] == "brinkwatch.alert.v1" and body["key"] == alerts[0].key
    assert body["events"][0]["evidence"].startswith("Sentence")


def test_webhook_error_status_is_a_delivery_error(alerts, receiver):
    url, handler = receiver
    handler.status = 500
    with pytest.raises(DeliveryError, match="HTTP 500"):
        post(url, alerts)


def test_unreachable_webhook_is_a_delivery_error(alerts):
    with pytest.raises(DeliveryError, match="ConnectError"):
        post("http://127.0.0.1:9/nothing-listens", alerts, timeout=2)


def test_notify_runs_the_command_with_the_alert_on_stdin(alerts, tmp_path):
    out = tmp_path / "got.json"
    script = "import os,sys; open(sys.argv[1],'w').write(os.environ['BRINKWATCH_ALERT_KIND']+sys.stdin.read())"
    command = f'"{sys.executable}" -c "{script}" "{out}"'
    assert notify(command, alerts) == 1
    text = out.read_text()
    assert (
        text.startswith("escalation{")
        and json.loads(text[len("escalation") :])["kind"] == "escalation"
    )


def test_a_failing_hook_is_a_delivery_error_naming_the_alert(alerts):
    with pytest.raises(DeliveryError, match="exit 3"):
        notify(f'"{sys.executable}" -c "import sys; sys.exit(3)"', alerts)
