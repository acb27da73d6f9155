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


def notify(command: str, alerts: Sequence[Alert], *, timeout: float = HOOK_TIMEOUT_S) -> int:
    """Run `command` (through the shell) once per alert with its JSON on stdin; the alert's key
    and kind are also in BRINKWATCH_ALERT_KEY / BRINKWATCH_ALERT_KIND. Returns how many ran."""
    failed = []
    for alert in alerts:
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
            failed.append(f"{alert.key}: {exc}")
            continue
        if done.returncode != 0:
            failed.append(f"{alert.key}: exit {done.returncode} {done.stderr.strip()[:200]}")
    _raise_if(failed, f"--notify command {command!r}")
    return len(alerts)


def post(url: str, alerts: Sequence[Alert], *, timeout: float = WEBHOOK_TIMEOUT_S) -> int:
    """POST each alert's JSON to `url`; any 2xx answer counts as delivered. Returns how many."""
    failed = []
    with httpx.Client(timeout=timeout) as client:
        for alert in alerts:
            try:
                answer = client.post(
                    url,
                    content=alert_json(alert).encode("utf-8"),
                    headers={"Content-Type": "application/json"},
                )
            except httpx.HTTPError as exc:
                failed.append(f"{alert.key}: {type(exc).__name__}: {exc}")
                continue
            if not answer.is_success:
                failed.append(f"{alert.key}: HTTP {answer.status_code}")
    _raise_if(failed, f"webhook {url}")
    return len(alerts)


def _raise_if(failed: list[str], where: str) -> None:
    if failed:
        raise DeliveryError(
            f"{where} failed for {len(failed)} alert(s): " + "; ".join(failed),
            hint="check the receiver; the alerts stay stored and `brinkwatch alerts` shows them",
        )
