"""Alert delivery: a command hook (the alert's JSON on its stdin) and a webhook (JSON POST).

Every alert is tried; failures are collected and raised together as one `DeliveryError` at the
end, so one dead receiver does not keep the others from being told.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence

import httpx

from brinkwatch.errors import DeliveryError
from brinkwatch.monitor.alerts import alert_to_dict
from brinkwatch.records import Alert

HOOK_TIMEOUT_S = 30.0
WEBHOOK_TIMEOUT_S = 10.0


def alert_json(alert: Alert) -> str:
    return json.dumps(alert_to_dict(alert), ensure_ascii=False, sort_keys=True)


def run_hook(command: str, alert: Alert, *, timeout: float = HOOK_TIMEOUT_S) -> str | None:
    """Run `command` (through the shell) with one alert's JSON on stdin; the alert's key and kind
    are also in BRINKWATCH_ALERT_KEY / BRINKWATCH_ALERT_KIND. Returns the error, or None."""
    env = {"BRINKWATCH_ALERT_KEY": alert.key, "BRINKWATCH_ALERT_KIND": alert.kind}
    try:
        done = subprocess.run(
            command,
            shell=True,
            input=alert_json(alert) + "\n",
            text=True,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, **env},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if done.returncode != 0:
        return f"exit {done.returncode} {done.stderr.strip()[:200]}"
    return None


def post_one(client: httpx.Client, url: str, alert: Alert) -> str | None:
    """POST one alert's JSON to `url`; any 2xx answer counts as delivered. Returns the error."""
    try:
        answer = client.post(
            url,
            content=alert_json(alert).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if answer.is_success else f"HTTP {answer.status_code}"


def notify(command: str, alerts: Sequence[Alert], *, timeout: float = HOOK_TIMEOUT_S) -> int:
    """Run the hook for every alert. Returns how many ran; raises one error for all failures."""
    failed = [
        f"{a.key}: {error}" for a in alerts if (error := run_hook(command, a, timeout=timeout))
    ]
    _raise_if(failed, f"--notify command {command!r}")
    return len(alerts)


def post(url: str, alerts: Sequence[Alert], *, timeout: float = WEBHOOK_TIMEOUT_S) -> int:
    """POST every alert to `url`. Returns how many; raises one error for all failures."""
    with httpx.Client(timeout=timeout) as client:
        failed = [f"{a.key}: {error}" for a in alerts if (error := post_one(client, url, a))]
    _raise_if(failed, f"webhook {url}")
    return len(alerts)


def _raise_if(failed: list[str], where: str) -> None:
    if failed:
        raise DeliveryError(
            f"{where} failed for {len(failed)} alert(s): " + "; ".join(failed),
            hint="check the receiver; the alerts stay stored and `brinkwatch alerts` shows them",
        )
