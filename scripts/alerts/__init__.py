"""Alerts the same day: spikes of mentions or negative texts, newly overdue comments on owned sources, and
owned sources that stopped answering — found in the database, sent once per channel (e-mail, webhook),
recorded with a cooldown. `pulso alert` and `pulso nightly` use the names below.

    detect   pure rules: baseline (median + k·spread), spikes of today so far and of yesterday
    find     the alert_*.sql queries -> Alert objects (examples, themes via scripts.themes.explain)
    ledger   pure: which alerts each channel still has to get (key, cooldown)
    render   the message outline, plain text and HTML; webhook: Slack / Teams / Mattermost JSON and the POST
    run      one run: ledger, find, send, record
"""

from __future__ import annotations

from scripts.alerts.detect import SENSITIVITY_K
from scripts.alerts.find import find_alerts
from scripts.alerts.ledger import to_send
from scripts.alerts.model import Alert
from scripts.alerts.run import AlertRun, Channels, run_alerts
from scripts.alerts.webhook import FORMATS, DeliveryError

__all__ = ["FORMATS", "SENSITIVITY_K", "Alert", "AlertRun", "Channels", "DeliveryError", "find_alerts",
           "run_alerts", "to_send"]
