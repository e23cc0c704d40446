"""Complete threads from a real WordPress 6.1.9 on loopback, worked out by hand.

One post holds 14 customer comments (more than the feed's window of 10), two staff replies (one
threaded, one not), a customer's reply to another customer, a pingback, an unapproved and a spam
comment. Expected: every approved comment stored with its exact parent, the pingback stored as a
pingback and never eligible, nothing unapproved or spam stored, response times as computed below,
a second collect unchanged, a third one picking up a comment added in between.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import collect_once, query, write_config
from tests.wordpress.harness import Blog, NewComment

pytestmark = pytest.mark.wordpress

T0 = datetime.now(UTC).replace(microsecond=0, second=0) - timedelta(days=3)


def _hours(h: float) -> datetime:
    return T0 + timedelta(hours=h)


@pytest.fixture
def thread(blog: Blog) -> tuple[Blog, int, list[int]]:
    staff = blog.create_user("soporte", "Acme Soporte")
    post = blog.add_post("Cambios en la atención de Acme", "<p>Contadnos qué tal.</p>", _hours(0))
    comments = [NewComment(post, f"Cliente {i}", f"<p>Comentario {i} sobre Acme: ¿me ayudáis?</p>", _hours(i))
                for i in range(1, 15)]                                         # hours 1..14
    comments += [
        NewComment(post, "Acme Soporte", "<p>Hola Cliente 2, te escribimos.</p>", _hours(4.5), reply_to=1,
                   user_id=staff),                                             # answers Cliente 2 in 2.5 h
        NewComment(post, "Cliente 9", "<p>A mí me pasó lo mismo, llama por la mañana.</p>", _hours(3.5),
                   reply_to=2),                                                # customer replies to Cliente 3
        NewComment(post, "Acme Soporte", "<p>Gracias a todos, lo estamos mirando.</p>", _hours(14.5),
                   user_id=staff),                                             # unthreaded: answers 5..14 + Cliente 9
        NewComment(post, "Otro blog", "<p>[&#8230;] Acme cambia su atención [&#8230;]</p>", _hours(15),
                   type="pingback", author_url="http://127.0.0.9/otro/"),
        NewComment(post, "Pendiente", "<p>Esto espera moderación</p>", _hours(16), approved=0),
        NewComment(post, "Casino", "<p>Gana dinero ya http://spam.example/</p>", _hours(17), approved="spam"),
    ]
    ids = blog.add_comments(comments)
    return blog, post, ids


def _config(tmp_path: Path, blog: Blog) -> Path:
    return write_config(tmp_path / "monitor.toml", f"""
[[sources]]
name = "acme"
url = "{blog.feed_url()}"
owned = true
""", brand='[brand]\nname = "Acme"\naliases = ["acme"]\nresponders = ["Acme Soporte"]\n')


def _rows(db: Path) -> dict[str, tuple]:
    rows = query(db, """
        SELECT c.author, c.kind, c.has_account, p.author, r.eligible, r.answered, r.response_hours
        FROM comments c JOIN responses r USING (comment_id) LEFT JOIN comments p ON p.comment_id = c.parent_id""")
    return {r[0]: r[1:] for r in rows}


def test_every_approved_comment_of_a_long_thread_is_stored_with_its_exact_parent(thread, tmp_path: Path) -> None:
    blog, _post, _ids = thread
    db = tmp_path / "pulso.duckdb"
    report = collect_once(_config(tmp_path, blog), db)[0]
    assert not report.failed and not report.errors, report.line()
    rows = _rows(db)
    customers = {f"Cliente {i}" for i in range(1, 15)}
    assert set(rows) == customers | {"Acme Soporte", "Otro blog"}      # Cliente 9 twice: a name, two rows
    assert query(db, "SELECT count(*) FROM comments")[0][0] == 18       # 14 + 2 staff + 1 reply + 1 pingback
    assert query(db, "SELECT count(*) FROM comments WHERE author IN ('Pendiente', 'Casino')")[0][0] == 0
    assert rows["Otro blog"][:1] == ("pingback",) and rows["Otro blog"][3] is False   # never eligible
    by_text = dict(query(db, "SELECT c.text, p.author FROM comments c "
                             "LEFT JOIN comments p ON p.comment_id = c.parent_id"))
    assert by_text["A mí me pasó lo mismo, llama por la mañana."] == "Cliente 3"
    assert by_text["Hola Cliente 2, te escribimos."] == "Cliente 2"
    assert by_text["Gracias a todos, lo estamos mirando."] is None
    staff = query(db, "SELECT DISTINCT has_account FROM comments WHERE author = 'Acme Soporte'")
    assert staff == [(True,)]
    assert query(db, "SELECT threads_via, threads_note FROM sources") == [("api", None)]


def test_response_times_follow_the_threaded_and_unthreaded_rules(thread, tmp_path: Path) -> None:
    blog, _post, _ids = thread
    db = tmp_path / "pulso.duckdb"
    collect_once(_config(tmp_path, blog), db)
    hours = {(a, t[:12]): h for a, t, h in query(db, """
        SELECT c.author, c.text, r.response_hours FROM comments c JOIN responses r USING (comment_id)
        WHERE r.eligible""")}
    assert hours[("Cliente 2", "Comentario 2")] == pytest.approx(2.5)          # threaded reply at 4.5 h
    assert hours[("Cliente 1", "Comentario 1")] is None                         # before the first brand reply
    assert hours[("Cliente 3", "Comentario 3")] is None                         # unthreaded reply covers later ones
    for i in range(5, 15):                                                      # after 4.5 h, before 14.5 h
        assert hours[(f"Cliente {i}", f"Comentario {i}"[:12])] == pytest.approx(14.5 - i)
    assert hours[("Cliente 9", "A mí me pasó")] is None       # 3.5 h: before the previous brand reply (4.5 h)


def test_a_second_collect_changes_nothing_and_a_third_picks_up_a_new_comment(thread, tmp_path: Path) -> None:
    blog, post, _ids = thread
    cfg, db = _config(tmp_path, blog), tmp_path / "pulso.duckdb"
    collect_once(cfg, db)
    before = query(db, "SELECT comment_id, content_hash, updated_at FROM comments ORDER BY 1")
    second = collect_once(cfg, db)[0]
    assert second.comments_new == 0 and second.comments_updated == 0, second.line()
    assert query(db, "SELECT comment_id, content_hash, updated_at FROM comments ORDER BY 1") == before
    blog.add_comment(post, "Cliente 15", "<p>¿Y lo mío, Acme?</p>", datetime.now(UTC).replace(microsecond=0))
    third = collect_once(cfg, db)[0]
    assert third.comments_new == 1, third.line()
    assert query(db, "SELECT count(*) FROM comments WHERE author = 'Cliente 15'")[0][0] == 1


def test_an_api_turned_off_falls_back_to_the_feed_and_says_threads_may_be_incomplete(thread, tmp_path: Path) -> None:
    blog, _post, _ids = thread
    blog.disable_rest_api(401)
    db = tmp_path / "pulso.duckdb"
    report = collect_once(_config(tmp_path, blog), db)[0]
    assert not report.failed and not report.errors and report.notes, report.line()
    assert "401" in report.notes[0]
    assert query(db, "SELECT count(*) FROM comments")[0][0] == 10        # the feed's window: the newest 10
    via, note = query(db, "SELECT threads_via, threads_note FROM sources")[0]
    assert via == "feeds" and "401" in note
    logged = query(db, "SELECT status, http_status FROM fetches WHERE kind = 'api'")
    assert logged == [("error", 401)]


def test_a_first_collect_reads_the_history_beyond_the_feeds_newest_posts(blog: Blog, tmp_path: Path) -> None:
    """posts_per_rss = 3: the feed shows 3 of 8 posts; `?paged=N` pages back to backfill_days."""
    blog.set_option("posts_per_rss", 3)
    now = datetime.now(UTC).replace(microsecond=0)
    for day in range(1, 9):
        post = blog.add_post(f"Acme, día {day}", "<p>Novedades</p>", now - timedelta(days=day))
        blog.add_comment(post, f"Cliente {day}", "<p>¿Y lo mío?</p>", now - timedelta(days=day, hours=-1))
    cfg, db = _config(tmp_path, blog), tmp_path / "pulso.duckdb"
    report = collect_once(cfg, db)[0]
    assert not report.failed and not report.partial, report.line()
    assert query(db, "SELECT count(*) FROM posts")[0][0] == 8
    assert query(db, "SELECT count(*) FROM comments")[0][0] == 8         # every thread of the history, via the API
    again = collect_once(cfg, db)[0]
    assert again.requests <= 3, again.line()                             # no history paging after the first
