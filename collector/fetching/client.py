"""HTTP fetching with the manners of a good feed reader, and the suspicion of a security reviewer.

Concurrency is bounded overall and per host; timeouts, retries with backoff (honouring
Retry-After), a redirect limit, a body cap counted *after* decompression (a gzip bomb stops at
the cap), conditional GET, and an `allow` predicate checked on every hop so a redirect cannot
walk the collector off the hosts it was allowed to visit. A Fetcher built with a `guard` (an address
check, collector.fetching.guard) dials only the addresses it allows, on every hop: what search
sources use to open articles on hosts nobody configured.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import random
import socket
import ssl
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from collector.fetching.guard import AddressCheck, OutboundRefused, guarded_transport
from collector.version import __version__

USER_AGENT = f"Pulso/{__version__} (reputation monitor; feed reader; +https://github.com/pulso-monitor/pulso)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchPolicy:
    max_connections: int = 16
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0      # a body trickling forever is cut here
    retries: int = 2                 # extra attempts after the first
    backoff: float = 0.5             # seconds, doubled per attempt, with jitter
    max_retry_after: float = 30.0    # a server asking for longer is treated as a failure
    max_redirects: int = 5
    max_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True)
class FetchResult:
    url: str                    # the URL asked for (the health log's key)
    status: str                 # ok | not_modified | error | gone | refused
    fetched_at: datetime
    http_status: int | None = None
    body: bytes | None = None
    final_url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    duration_ms: float = 0.0
    attempts: int = 1

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class _TooBig(Exception):
    pass


class _Refused(Exception):
    pass


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _causes(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
        if isinstance(current, ExceptionGroup):
            seen.extend(current.exceptions)
    return seen


def describe_error(exc: BaseException, policy: FetchPolicy) -> str:
    """Words a person running the tool can act on, instead of a class name."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        return f"connection timed out after {policy.connect_timeout:g} s"
    if isinstance(exc, httpx.ReadTimeout | asyncio.TimeoutError | TimeoutError):
        return f"timed out (read {policy.read_timeout:g} s, total {policy.total_timeout:g} s)"
    causes = _causes(exc)
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "connection refused"
    if any(isinstance(c, socket.gaierror) for c in causes):
        return f"DNS lookup failed for the host: {text}"
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return f"TLS error: {text}"
    if isinstance(exc, httpx.ConnectError):
        low = text.lower()
        if "name or service not known" in low or "nodename nor servname" in low or "name resolution" in low:
            return f"DNS lookup failed: {text}"
        if "certificate" in low or "ssl" in low or "tls" in low:
            return f"TLS error: {text}"
        if "refused" in low:
            return "connection refused"
        return f"cannot connect: {text}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"server broke the connection: {text}"
    if isinstance(exc, httpx.DecodingError):
        return f"cannot decode the response body: {text}"
    return f"{type(exc).__name__}: {text}"


class Fetcher:
    """One per run. `async with Fetcher(policy) as f: await f.get(url, allow=…)`.

    With `guard`, every connection goes through the outbound guard: an address it refuses gives a
    "refused" result saying why, and nothing is sent there."""

    def __init__(self, policy: FetchPolicy | None = None, *, user_agent: str = USER_AGENT,
                 guard: AddressCheck | None = None) -> None:
        self.policy = policy or FetchPolicy()
        limits = httpx.Limits(max_connections=self.policy.max_connections,
                              max_keepalive_connections=self.policy.max_connections)
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        self._client = httpx.AsyncClient(
            follow_redirects=False, limits=limits, timeout=timeout, trust_env=False,
            transport=guarded_transport(limits, guard) if guard else None,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept": "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5"},
        )
        self._overall = asyncio.Semaphore(self.policy.max_connections)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _host_gate(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.policy.per_host)
        return self._hosts[host]

    async def get(self, url: str, *, allow: Callable[[str], str | None], etag: str | None = None,
                  last_modified: str | None = None) -> FetchResult:
        """Fetch `url`. `allow(url)` returns None when a URL may be requested, else the reason not to."""
        started = time.perf_counter()
        now = datetime.now(UTC)
        reason = allow(url)
        if reason:
            return FetchResult(url=url, status="refused", fetched_at=now, error=reason)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            attempt += 1
            wait: float | None = None
            try:
                # The host's gate first: a request waiting for a busy host must not hold one of the
                # global slots meanwhile, or a queue on one slow host stalls every other host.
                async with self._host_gate(url), self._overall:
                    result = await asyncio.wait_for(self._once(url, headers, allow),
                                                    timeout=self.policy.total_timeout)
            except (httpx.TimeoutException, TimeoutError) as exc:
                result = FetchResult(url=url, status="error", fetched_at=now,
                                     error=describe_error(exc, self.policy))
                wait = self._backoff(attempt)
            except _TooBig:
                return self._done(FetchResult(url=url, status="error", fetched_at=now,
                                              error=f"body larger than the {self.policy.max_bytes:,} byte limit"),
                                  started, attempt)
            except (_Refused, OutboundRefused) as exc:
                return self._done(FetchResult(url=url, status="refused", fetched_at=now, error=str(exc)),
                                  started, attempt)
            except (httpx.HTTPError, OSError, ValueError) as exc:
                return self._done(FetchResult(url=url, status="error", fetched_at=now,
                                              error=describe_error(exc, self.policy)), started, attempt)
            else:
                if result.http_status not in _RETRY_STATUS:
                    return self._done(result, started, attempt)
                wait = self._backoff(attempt)
                if result.http_status == 429 or "retry-after" in result.headers:
                    asked = _retry_after(result.headers.get("retry-after"))
                    if asked is not None:
                        if asked > self.policy.max_retry_after:
                            return self._done(result, started, attempt)
                        wait = asked
            if attempt > self.policy.retries:
                return self._done(result, started, attempt)
            await asyncio.sleep(wait)

    def _backoff(self, attempt: int) -> float:
        return self.policy.backoff * (2 ** (attempt - 1)) * (0.5 + random.random())

    @staticmethod
    def _done(result: FetchResult, started: float, attempts: int) -> FetchResult:
        return replace(result, duration_ms=(time.perf_counter() - started) * 1000, attempts=attempts)

    @contextlib.asynccontextmanager
    async def _stream(self, url: str, headers: dict[str, str], *, redirected: bool) -> AsyncIterator[httpx.Response]:
        """The response to a GET; a hop the guard refused after a redirect is named as the redirect's."""
        try:
            async with self._client.stream("GET", url, headers=headers) as resp:
                yield resp
        except OutboundRefused as exc:
            if redirected:
                raise _Refused(f"redirect to {url} refused: {exc}") from exc
            raise

    async def _once(self, url: str, headers: dict[str, str],
                    allow: Callable[[str], str | None]) -> FetchResult:
        now = datetime.now(UTC)
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            async with self._stream(current, headers, redirected=current != url) as resp:
                if resp.status_code in _REDIRECT_STATUS and "location" in resp.headers:
                    target = urljoin(current, resp.headers["location"])
                    reason = allow(target)
                    if reason:
                        raise _Refused(f"redirect to {target} refused: {reason}")
                    current = target
                    continue
                kept = {k.lower(): v for k, v in resp.headers.items()}
                if resp.status_code == 304:
                    # A 304 has no body, but httpcore only reuses a connection whose response was read to
                    # the end: without this every 304 (most of a nightly run) costs a new connection.
                    await resp.aread()
                    return FetchResult(url=url, status="not_modified", fetched_at=now, http_status=304,
                                       final_url=current, headers=kept)
                if resp.status_code >= 400:
                    status = "gone" if resp.status_code == 410 else "error"
                    return FetchResult(url=url, status=status, fetched_at=now, http_status=resp.status_code,
                                       final_url=current, headers=kept,
                                       error=f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.policy.max_bytes and \
                        "content-encoding" not in resp.headers:
                    raise _TooBig()
                chunks, size = [], 0
                async for chunk in resp.aiter_bytes():
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        raise _TooBig()
                    chunks.append(chunk)
                return FetchResult(url=url, status="ok", fetched_at=now, http_status=resp.status_code,
                                   body=b"".join(chunks), final_url=current, headers=kept)
        return FetchResult(url=url, status="error", fetched_at=now, final_url=current,
                           error=f"more than {self.policy.max_redirects} redirects")


def read_local(path: str, *, last_modified: str | None, max_bytes: int) -> FetchResult:
    """A config-written local feed file. Its mtime+size plays the role of Last-Modified."""
    now = datetime.now(UTC)
    started = time.perf_counter()
    try:
        st = Path(path).stat()
        stamp = f"{st.st_mtime_ns}:{st.st_size}"
        if last_modified == stamp:
            return FetchResult(url=path, status="not_modified", fetched_at=now,
                               headers={"last-modified": stamp})
        if st.st_size > max_bytes:
            return FetchResult(url=path, status="error", fetched_at=now,
                               error=f"file larger than the {max_bytes:,} byte limit")
        body = Path(path).read_bytes()
    except OSError as exc:
        return FetchResult(url=path, status="error", fetched_at=now, error=f"cannot read file: {exc.strerror}")
    return FetchResult(url=path, status="ok", fetched_at=now, body=body, headers={"last-modified": stamp},
                       duration_ms=(time.perf_counter() - started) * 1000)
