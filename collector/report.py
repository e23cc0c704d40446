"""What a collect run tells its caller: a report per source, one for the run, and the exit codes.

The commands and the nightly sequence decide what to print and which code to exit with from these
values alone, so none of them has to re-read the database to learn what the run did.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes a scheduler acts on, one list for every command (DESIGN.md "Commands")."""

    OK = 0
    SOURCES_FAILED = 1      # finished, but some sources failed or were partial (each recorded and shown)
    UNUSABLE = 2            # bad config or usage, lock held, storage failure: nothing half-written
    NOTHING_COLLECTED = 3   # nightly: every source failed, so nothing was built and the old site stays
    BUILD_FAILED = 4        # nightly: the site build broke; nothing published


@dataclass(frozen=True)
class SourceReport:
    """One source's run: what landed, what was asked for, what went wrong."""

    name: str
    posts_new: int = 0
    posts_updated: int = 0
    comments_new: int = 0
    comments_updated: int = 0
    requests: int = 0
    not_modified: int = 0
    refused: int = 0
    errors: tuple[str, ...] = ()
    orphans: int = 0
    failed: bool = False          # the source's own feed could not be read
    refusals: tuple[str, ...] = ()  # "url: reason" of each URL the host rules refused
    notes: tuple[str, ...] = ()     # what the numbers rest on (e.g. threads read from feeds: API off)

    @property
    def partial(self) -> bool:
        """Its own feed was read but some of its pages or comment feeds were not, or were refused."""
        return not self.failed and bool(self.errors or self.refused)

    def line(self) -> str:
        state = "FAILED" if self.failed else "partial" if self.partial else "ok"
        text = (f"{self.name}: {state} - posts {self.posts_new} new, {self.posts_updated} updated; "
                f"comments {self.comments_new} new, {self.comments_updated} updated; "
                f"{self.requests} requests ({self.not_modified} not modified)")
        if self.refused:
            text += f"; {self.refused} URL(s) refused" + (f": {self.refusals[0]}" if self.refusals else "")
        if self.errors:
            text += f"; {len(self.errors)} error(s): {self.errors[0]}"
        text += "".join(f"; {note}" for note in self.notes)
        return text


@dataclass(frozen=True)
class CollectReport:
    """One collect run. `error` says why it could not run at all (lock held, database unwritable);
    then `sources` is empty and nothing was written."""

    sources: tuple[SourceReport, ...] = ()
    error: str | None = None
    rescored: int | None = None  # stored texts re-scored first because the scorer changed

    @property
    def failed(self) -> tuple[SourceReport, ...]:
        return tuple(r for r in self.sources if r.failed)

    @property
    def partial(self) -> tuple[SourceReport, ...]:
        return tuple(r for r in self.sources if r.partial)

    @property
    def clean(self) -> tuple[SourceReport, ...]:
        return tuple(r for r in self.sources if not r.failed and not r.partial)

    @property
    def every_source_failed(self) -> bool:
        """Nothing fresh arrived: not one source's own feed was read (and there were sources to read)."""
        return bool(self.sources) and len(self.failed) == len(self.sources)

    @property
    def posts_new(self) -> int:
        return sum(r.posts_new for r in self.sources)

    @property
    def comments_new(self) -> int:
        return sum(r.comments_new for r in self.sources)

    @property
    def requests(self) -> int:
        return sum(r.requests for r in self.sources)

    @property
    def exit_code(self) -> ExitCode:
        if self.error is not None:
            return ExitCode.UNUSABLE
        if len(self.clean) < len(self.sources):
            return ExitCode.SOURCES_FAILED
        return ExitCode.OK

    def lines(self) -> list[str]:
        """A line per source, then the run's summary: what `pulso collect` prints."""
        unclean = len(self.sources) - len(self.clean)
        summary = f"{len(self.clean)} of {len(self.sources)} sources collected cleanly"
        if unclean:
            summary += f"; {unclean} with errors (see the Estado page or the fetches table)"
        first = ([f"re-scored {self.rescored:,} stored texts first: the sentiment/intent rules, model or "
                  f"overrides had changed"] if self.rescored else [])
        return first + [r.line() for r in self.sources] + [summary]
