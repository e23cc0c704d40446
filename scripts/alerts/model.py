"""What an alert is: a kind, a subject and a day (its stable key), the facts it states and its examples.

Every field holds text already cleaned for any output (`scripts.safe.clean`: one line, no e-mail
addresses, cut) and links already checked (`safe_url`: http(s) only); each renderer then escapes for its
own format (HTML, Slack mrkdwn, Markdown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

#: The kinds, in the order a message lists them.
KINDS = ("spike_negative", "spike_mentions", "stopped_answering", "overdue")


@dataclass(frozen=True)
class Example:
    """One text behind an alert."""

    text: str
    url: str | None
    source: str
    author: str
    published_at: datetime
    label: str | None = None       # sentiment label: pos | neu | neg


@dataclass(frozen=True)
class Alert:
    """One thing worth telling today.

    kind     spike_mentions | spike_negative | overdue | stopped_answering
    subject  the brand (spikes), a comment id (overdue) or a source name (stopped answering)
    day      the local day it is about: the spike's day, the day the comment fell due, the day of the
             source's last reply (so a silence is reported once, however long it lasts)
    facts    the numbers the message states (count, usual, threshold, ...), by name
    """

    kind: str
    subject: str
    day: date
    facts: dict[str, object] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    themes: tuple[str, ...] = ()
    themes_note: str = ""          # how the themes were found (said in the message)

    @property
    def key(self) -> str:
        """kind:subject:day — the same thing on the same day has the same key in every run."""
        return f"{self.kind}:{self.subject}:{self.day.isoformat()}"

    @property
    def cooldown_subject(self) -> tuple[str, str]:
        """What the cooldown is counted on: the same kind about the same subject, whatever the day — for
        overdue comments, the same source (one message about a blog's late replies per cooldown, however
        many fall overdue one by one)."""
        if self.kind == "overdue":
            return (self.kind, str(self.facts.get("source_name", self.subject)))
        return (self.kind, self.subject)
