"""A real WordPress (Debian's 6.1 package) on loopback, started and stopped by the tests themselves.

Why: feeds and REST answers written by hand drift from what WordPress really sends (10-item comment
feeds, pingbacks, threading, `X-WP-Total`, a disabled API). One `mariadbd` on a random 127.0.0.1 port holds
a database per blog; each blog is `php -S host:port` over /usr/share/wordpress with its own copy of
wp-content. Debian's wp-config.php loads `/etc/wordpress/config-<WORDPRESS_CONFIG>.php` when
`$_SERVER['WORDPRESS_CONFIG']` is set (else `config-<Host header without port>.php`); an `auto_prepend_file`
sets it to a name holding our pid, so two test sessions never overwrite each other's config files and a
crashed session's leftovers can be recognised and removed. Every process is stopped by pid (its group).
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from tests.wordpress.system import (
    APT_COMMAND,
    BINARIES,
    ETC,
    WP_ROOT,
    WordPressUnavailable,
    check_requirements,
    free_port,
    remove_stale_configs,
    stop_group,
    utc_text,
    wait_for,
)

__all__ = ["APT_COMMAND", "Blog", "NewComment", "WordPressServer", "WordPressUnavailable"]

PHP_DIR = Path(__file__).parent / "php"
MARKER = "\n<<<pulso-json>>>"
CommentStatus = int | str  # 1, 0, "spam" or "trash", as WordPress stores comment_approved


@dataclass(frozen=True)
class NewComment:
    """One comment for `Blog.add_comments`; `reply_to` is the index of an earlier comment in the same batch."""

    post_id: int
    author: str
    content: str
    date_gmt: datetime | str
    parent: int = 0
    reply_to: int | None = None
    user_id: int = 0
    type: str = "comment"  # or "pingback" / "trackback"
    approved: CommentStatus = 1
    author_email: str = ""
    author_url: str = ""


class Blog:
    """One installed WordPress site; every change goes through wp-load.php in a `php` CLI run.

    URLs use the plain `?p=ID` / `?feed=rss2` / `?rest_route=` forms by default. Pretty permalinks do work
    under `php -S` (it falls back to the docroot's index.php for paths without a file), see
    `enable_pretty_permalinks`.
    """

    def __init__(self, server: WordPressServer, host: str, port: int, title: str, name: str) -> None:
        self.server, self.host, self.port, self.title, self.name = server, host, port, title, name
        self.database = name.replace("-", "_")
        self.config_path = ETC / f"config-{name}.php"
        self.content_dir = server.root / name / "wp-content"
        self.log_path = server.root / name / "php-server.log"
        self.admin_user, self.admin_password = "admin", secrets.token_hex(8)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path_and_query: str = "/") -> str:
        return self.base_url + path_and_query

    def feed_url(self) -> str:
        return self.url("/?feed=rss2")

    def comment_feed_url(self, post_id: int) -> str:
        return self.url(f"/?feed=rss2&p={post_id}")

    def rest_url(self, route: str, **params: Any) -> str:
        """`/?rest_route=` form: works with any permalink setting. `/wp-json/` needs pretty permalinks: on a
        plain-permalink blog it answers 301 (adds a slash), then 200 text/html, the home page."""
        return str(httpx.URL(self.base_url + "/", params={"rest_route": route, **params}))

    def client(self, **kwargs: Any) -> httpx.Client:
        """trust_env=False: a proxy from the environment must never see loopback test traffic."""
        return httpx.Client(base_url=self.base_url, trust_env=False, timeout=15.0, **kwargs)

    def start(self) -> None:
        shutil.copytree(WP_ROOT / "wp-content", self.content_dir, symlinks=True)
        (self.content_dir / "mu-plugins").mkdir(exist_ok=True)
        shutil.copy(PHP_DIR / "mu-plugin.php", self.content_dir / "mu-plugins" / "pulso-test-switches.php")
        shutil.copytree(PHP_DIR / "theme", self.content_dir / "themes" / "pulso-min")
        self.server.sql(f"CREATE DATABASE `{self.database}`; GRANT ALL ON `{self.database}`.* TO 'pulso'@'127.0.0.1';")
        self.config_path.write_text(self._config_php(), encoding="utf-8")
        prepend = self.server.root / self.name / "prepend.php"
        prepend.write_text(f"<?php $_SERVER['WORDPRESS_CONFIG'] = '{self.name}';\n", encoding="utf-8")
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [BINARIES["php"], "-d", f"auto_prepend_file={prepend}", "-S", f"{self.host}:{self.port}",
                 "-t", str(WP_ROOT)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},  # one worker deadlocks install's self-request
            )
        wait_for(self._listening, f"php -S {self.host}:{self.port}", self.proc, self.log_path)
        form = {"weblog_title": self.title, "user_name": self.admin_user, "admin_password": self.admin_password,
                "admin_password2": self.admin_password, "pw_weak": "1", "admin_email": "admin@example.invalid",
                "blog_public": "0", "language": ""}
        with self.client() as http:
            answer = http.post("/wp-admin/install.php?step=2", data=form)
            if answer.status_code != 200 or "Success!" not in answer.text:
                raise RuntimeError(f"WordPress install failed ({answer.status_code}): {answer.text[:500]}")
            self.op("setup", timezone="UTC")
            if "wordpress.org/?v=" not in http.get("/?feed=rss2").text:
                raise RuntimeError(f"{self.feed_url()} does not answer a WordPress feed")

    def _listening(self) -> bool:
        """Ours, not merely someone's: php logs "started" only after binding (else "Failed to listen")."""
        if "Development Server" not in self.log_path.read_text(errors="replace"):
            return False
        with socket.socket() as sock:
            return sock.connect_ex((self.host, self.port)) == 0

    def _config_php(self) -> str:
        def define(name: str, value: str | bool) -> str:
            return f"define({json.dumps(name)}, {json.dumps(value)});"  # JSON string literals are valid PHP

        lines = [define("DB_NAME", self.database), define("DB_USER", "pulso"),
                 define("DB_PASSWORD", self.server.db_password), define("DB_HOST", f"127.0.0.1:{self.server.port}"),
                 define("WP_CONTENT_DIR", str(self.content_dir)), define("WP_HOME", self.base_url),
                 define("WP_SITEURL", self.base_url), define("DISABLE_WP_CRON", True),
                 define("WP_HTTP_BLOCK_EXTERNAL", True), define("AUTOMATIC_UPDATER_DISABLED", True),
                 "$table_prefix = 'wp_';"]
        return "<?php\n// Written by tests/wordpress/harness.py; removed when the test session ends.\n" + "\n".join(
            lines) + "\n"

    def op(self, operation: str, /, **args: Any) -> Any:
        """Run one of the operations in php/ops.php."""
        return self._run({"op": operation, "args": args})

    def php(self, code: str, /, **args: Any) -> Any:
        """Run trusted PHP (a function body that sees `$args`) after wp-load; return its JSON-encoded result.

        Values must travel in `args`, never be formatted into `code`."""
        return self._run({"code": code, "args": args})

    def _run(self, payload: dict[str, Any]) -> Any:
        payload |= {"host": f"{self.host}:{self.port}", "config": self.name, "marker": MARKER.strip()}
        done = subprocess.run([BINARIES["php"], "-d", "display_errors=stderr", str(PHP_DIR / "runner.php")],
                              input=json.dumps(payload).encode(), capture_output=True, check=False, timeout=120)
        out = done.stdout.decode(errors="replace")
        if done.returncode != 0 or MARKER.strip() not in out:
            raise RuntimeError(f"php failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}{out}")
        return json.loads(out.rsplit(MARKER.strip(), 1)[1])

    def add_post(self, title: str, content: str, date_gmt: datetime | str, *, status: str = "publish",
                 author_id: int = 1) -> int:
        """A future `date_gmt` makes WordPress schedule the post (status "future"), hiding it from feeds."""
        return int(self.op("add_post", title=title, content=content, date_gmt=utc_text(date_gmt), status=status,
                           author_id=author_id))

    def add_comment(self, post_id: int, author: str, content: str, date_gmt: datetime | str, parent: int = 0,
                    user_id: int = 0, type: str = "comment", approved: CommentStatus = 1, **extra: Any) -> int:
        """One comment; comment_date (local) is derived from date_gmt so REST `after=` filters stay right."""
        comment = NewComment(post_id, author, content, date_gmt, parent, None, user_id, type, approved, **extra)
        return self.add_comments([comment])[0]

    def add_comments(self, comments: Sequence[NewComment]) -> list[int]:
        """Insert many comments in one PHP run (one wp-load, ~0.1 s, instead of one per comment)."""
        rows = [asdict(c) | {"date_gmt": utc_text(c.date_gmt)} for c in comments]
        return [int(i) for i in self.op("add_comments", comments=rows)]

    def create_user(self, login: str, display_name: str, *, role: str = "editor", email: str = "") -> int:
        """A registered account, so staff replies carry `user_id` (REST `author`) like a logged-in reply."""
        return int(self.op("create_user", login=login, display_name=display_name, role=role,
                           email=email or f"{login}@example.invalid"))

    def set_option(self, name: str, value: Any) -> None:
        self.op("set_option", name=name, value=value)

    def get_option(self, name: str) -> Any:
        return self.op("get_option", name=name)

    def disable_rest_api(self, status: int = 401, *, mode: str = "error") -> None:
        """mode "error": the API answers JSON `{"code": "pulso_rest_off", ...}` with `status` (401/403).
        mode "unrouted": the REST router is unhooked, so `?rest_route=` URLs get the ordinary HTML page."""
        if mode not in {"error", "unrouted"}:
            raise ValueError(f"unknown mode {mode!r}")
        self.set_option("pulso_rest_off", {"mode": mode, "status": status})

    def enable_rest_api(self) -> None:
        self.set_option("pulso_rest_off", "")

    def enable_pretty_permalinks(self, structure: str = "/%year%/%monthnum%/%day%/%postname%/") -> None:
        """Switch to pretty permalinks (`/wp-json/`, `/feed/`); works because php -S routes unknown paths
        without a dot to index.php. The plain `?p=` / `?rest_route=` URLs keep working too."""
        self.op("set_permalinks", structure=structure)

    def close(self) -> None:
        stop_group(self.proc)
        self.config_path.unlink(missing_ok=True)


class WordPressServer:
    """One mariadbd shared by every blog of a test session; a context manager that cleans up on failure."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="pulso-wp-", dir=root))
        self.token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.db_password = secrets.token_hex(12)
        self.port = 0
        self.blogs: list[Blog] = []
        self.proc: subprocess.Popen[bytes] | None = None
        self.startup_seconds = 0.0
        self._hosts = (f"127.0.{b}.{c}" for b in range(256) for c in range(2, 255))
        self._counter = itertools.count(1)

    def __enter__(self) -> WordPressServer:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def socket_path(self) -> Path:
        return self.root / "m.sock"

    def start(self) -> None:
        started = time.monotonic()
        check_requirements()
        remove_stale_configs()
        datadir, log = self.root / "db", self.root / "mariadb.log"
        subprocess.run([BINARIES["install_db"], "--user=root", f"--datadir={datadir}", "--skip-test-db",
                        "--auth-root-authentication-method=normal"], check=True, capture_output=True)
        self.port = free_port("127.0.0.1")
        with log.open("ab") as out:
            self.proc = subprocess.Popen(
                [BINARIES["mariadbd"], "--no-defaults", "--user=root", f"--datadir={datadir}",
                 f"--socket={self.socket_path}", "--bind-address=127.0.0.1", f"--port={self.port}",
                 "--skip-name-resolve", f"--pid-file={self.root / 'm.pid'}", "--innodb-buffer-pool-size=64M",
                 "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--skip-log-bin"],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        wait_for(self._db_ready, "mariadbd", self.proc, log)
        self.sql(f"CREATE USER 'pulso'@'127.0.0.1' IDENTIFIED BY '{self.db_password}';")
        self.startup_seconds = time.monotonic() - started

    def _db_ready(self) -> bool:
        return self.socket_path.exists() and self._client("SELECT 1;").returncode == 0

    def _client(self, sql: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([BINARIES["client"], "--no-defaults", f"--socket={self.socket_path}", "-uroot"],
                              input=sql.encode(), capture_output=True, check=False)

    def sql(self, sql: str) -> None:
        """Run our own SQL (generated names, hex passwords only) as root over the unix socket."""
        done = self._client(sql)
        if done.returncode != 0:
            raise RuntimeError(f"mariadb: {done.stderr.decode(errors='replace')}")

    def add_blog(self, host: str | None = None, title: str = "Pulso test blog", port: int | None = None) -> Blog:
        """Install a fresh, empty blog (sample post and pages deleted) on its own loopback address."""
        if self.proc is None:
            raise RuntimeError("WordPressServer.start() first")
        host = host or next(h for h in self._hosts if all(b.host != h for b in self.blogs))
        blog = Blog(self, host, port or free_port(host), title, f"pulso-{self.token}-{next(self._counter)}")
        self.blogs.append(blog)
        blog.start()
        return blog

    def close(self) -> None:
        """Idempotent: blogs first (their config files live in /etc), then the database, then the temp dir."""
        for blog in self.blogs:
            blog.close()
        stop_group(self.proc, grace=30.0)
        self.proc = None
        shutil.rmtree(self.root, ignore_errors=True)
