"""Pulso's collector: everything from a feed URL to rows in DuckDB.

This module is the package's one public face: the report layer (`scripts/`) and the `pulso`
application import only the names listed here, so the subpackages (fetching, feeds, storage,
sentiment) can change inside without breaking them. The names are loaded lazily (PEP 562): the
command line imports `collector` for every command, and `pulso score` must not pay for DuckDB,
httpx or pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from collector.version import __version__

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # configuration
    "Config": "collector.config",
    "ConfigError": "collector.config",
    "Source": "collector.config",
    "load_config": "collector.config",
    "parse_config": "collector.config",
    # the one fold and matcher (mentions, brand replies, search)
    "fold": "collector.matching",
    "strip_tracking": "collector.feeds.text",
    # storage: the database contract
    "sql": "collector.storage.store",
    "connect": "collector.storage.store",
    "StorageError": "collector.storage.store",
    "check_readable": "collector.storage.store",
    "LockError": "collector.storage.lock",
    "exclusive": "collector.storage.lock",
    # collecting: the whole run as one call, and what it reports
    "collect_into": "collector.collect",
    "CollectReport": "collector.report",
    "SourceReport": "collector.report",
    "ExitCode": "collector.report",
    # sentiment
    "default_scorer": "collector.sentiment.scorer",
    "Score": "collector.sentiment.scorer",
    "CONFIDENT_SCORE": "collector.sentiment.scorer",
    "is_confident": "collector.sentiment.scorer",
    "SENTIMENT_ACCURACY": "collector.sentiment.accuracy",
    "INTENT_ACCURACY": "collector.sentiment.accuracy",
    "sentiment_accuracy_text": "collector.sentiment.accuracy",
    "load_overrides": "collector.sentiment.overrides",
    # replies: the team's triage decisions, and `responses` measured at a build's pinned now
    "pin_responses": "collector.storage.decisions",
    "read_triage": "collector.triage",
    "TriageError": "collector.triage",
    "STATUSES": "collector.triage",
    "Decision": "collector.triage",
    "append_decision": "collector.triage",
    "check_decision": "collector.triage",
    "find_item": "collector.storage.decisions",
    # what the commands run besides collecting
    "PhraseMatcher": "collector.matching",
    "Enrich": "collector.sentiment.enrich",
    "classify_many": "collector.sentiment.intent",
    "detect_language": "collector.sentiment.language",
    "LANGS": "collector.sentiment.scorer",
    "train": "collector.sentiment.training",
    "TrainingError": "collector.sentiment.training",
    "rescore": "collector.storage.maintain",
    "export_parquet": "collector.storage.export",
    "set_meta": "collector.storage.store",
    "transaction": "collector.storage.store",
    # alerts: what `pulso alert` has sent (sent once, with a cooldown)
    "SentAlert": "collector.storage.alerts",
    "record_alert": "collector.storage.alerts",
    "sent_alerts": "collector.storage.alerts",
    "last_alert_run": "collector.storage.alerts",
    "mark_alert_run": "collector.storage.alerts",
}
# public module names: the config file's sources table, read and written (`pulso sources`)
_MODULES: dict[str, str] = {"sources_file": "collector.sources_file"}

__all__ = ["__version__", *_EXPORTS, *_MODULES]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
        globals()[name] = value
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'collector' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from collector import sources_file  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.collect import collect_into  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.config import Config, ConfigError, Source, load_config, parse_config  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.feeds.text import strip_tracking  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.matching import (
        PhraseMatcher,  # noqa: F401 (for type checkers; loaded lazily above)
        fold,  # noqa: F401 (for type checkers; loaded lazily above)
    )
    from collector.report import CollectReport, ExitCode, SourceReport  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.sentiment.accuracy import (  # noqa: F401 (lazy)
        INTENT_ACCURACY,
        SENTIMENT_ACCURACY,
        sentiment_accuracy_text,
    )
    from collector.sentiment.enrich import Enrich  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.sentiment.intent import classify_many  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.sentiment.language import detect_language  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.sentiment.overrides import load_overrides  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.sentiment.scorer import (  # noqa: F401 (for type checkers; loaded lazily above)
        CONFIDENT_SCORE,
        LANGS,
        Score,
        default_scorer,
        is_confident,
    )
    from collector.sentiment.training import TrainingError, train  # noqa: F401 (for type checkers; lazy)
    from collector.storage.alerts import (  # noqa: F401 (for type checkers; loaded lazily above)
        SentAlert,
        last_alert_run,
        mark_alert_run,
        record_alert,
        sent_alerts,
    )
    from collector.storage.decisions import (
        find_item,  # noqa: F401 (for type checkers; loaded lazily above)
        pin_responses,  # noqa: F401 (for type checkers; loaded lazily above)
    )
    from collector.storage.export import export_parquet  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.storage.lock import LockError, exclusive  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.storage.maintain import rescore  # noqa: F401 (for type checkers; loaded lazily above)
    from collector.storage.store import StorageError, check_readable, connect, set_meta, sql, transaction  # noqa: F401 (for type checkers; loaded lazily above)  # noqa: F401 (for type checkers; lazy)
    from collector.triage import STATUSES, Decision, TriageError, append_decision, check_decision, read_triage  # noqa: F401 (for type checkers; loaded lazily above)  # noqa: F401 (lazy)
