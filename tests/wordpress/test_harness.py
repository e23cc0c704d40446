"""The harness against the real thing: what WordPress 6.1 puts in comment feeds and the REST API.

These assertions are the facts the collector's WordPress tests will rely on, so they are pinned here first.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import feedparser
import httpx
import pytest

from tests.wordpress import system
from tests.wordpress.harness import Blog, NewComment, WordPressServer, WordPressUnavailable

pytestmark = pytest.mark.wordpress
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def comments_api(blog: Blog, http: httpx.Client, **params: object) -> httpx.Response:
    answer = http.get(blog.rest_url("/wp/v2/comments", **params))
    answer.raise_for_status()
    return answer


def thread_of_18(blog: Blog, staff_id: int) -> tuple[int, list[int], list[NewComment]]:
    """15 approved comments (replies included, one by a staff account), a pingback, one pending, one spam."""
    post_id = blog.add_post("Retrasos en Barajas", "<p>¿Qué pasó?</p>", T0)
    at = [T0 + timedelta(minutes=5 * i) for i in range(18)]
    rows = [NewComment(post_id, f"Lector {i}", f"Comentario {i}", at[i]) for i in range(12)]
    rows[3] = NewComment(post_id, "Lector 3", "Respuesta a 0", at[3], reply_to=0)
    rows[7] = NewComment(post_id, "Lector 7", "Respuesta a 3", at[7], reply_to=3)
    rows += [
        NewComment(post_id, "", "Lo revisamos", at[12], reply_to=1, user_id=staff_id),
        NewComment(post_id, "Otro blog", "[…] enlace […]", at[13], type="pingback", author_url="http://127.0.0.9/"),
        NewComment(post_id, "Pendiente", "sin moderar", at[14], approved=0),
        NewComment(post_id, "Spammer", "compra ya", at[15], approved="spam"),
        NewComment(post_id, "Lector 16", "Comentario 16", at[16], reply_to=12),
        NewComment(post_id, "Lector 17", "Comentario 17", at[17]),
    ]
    return post_id, blog.add_comments(rows), rows


def test_comment_feed_holds_newest_ten_and_rest_api_holds_every_approved_comment(blog: Blog) -> None:
    staff = blog.create_user("soporte", "Acme Soporte")
    post_id, ids, rows = thread_of_18(blog, staff)
    assert len(ids) == 18
    visible = [(i, r) for i, r in zip(ids, rows, strict=True) if r.approved == 1]  # pingback included
    in_api = [(i, r) for i, r in visible if r.type == "comment"]
    assert len(visible) == 16 and len(in_api) == 15

    with blog.client() as http:
        feed = feedparser.parse(http.get(blog.comment_feed_url(post_id)).content)
        assert len(feed.entries) == 10  # posts_per_rss: only the newest ten, pingbacks count
        assert [e.link.rsplit("-", 1)[1] for e in feed.entries] == [str(i) for i, _ in visible[::-1][:10]]
        reply = next(e for e in feed.entries if e.link.endswith(f"-{ids[12]}"))
        assert reply.author == "Acme Soporte"
        # content:encoded carries the HTML; <description> the same text with the tags escaped, shown as text.
        html = reply.content[0].value
        assert html.startswith('<p>In reply to <a href="') and "Lector 1</a>." in html
        assert reply.description.startswith("In reply to &lt;a href=")

        answer = comments_api(blog, http, post=post_id, per_page=100)
        assert answer.headers["X-WP-Total"] == "15" and answer.headers["X-WP-TotalPages"] == "1"
        got = {c["id"]: c for c in answer.json()}
        assert set(got) == {i for i, _ in in_api}  # no pingback, no pending, no spam
        by_index = dict(enumerate(ids))
        for i, row in in_api:
            expected_parent = by_index[row.reply_to] if row.reply_to is not None else 0
            assert got[i]["parent"] == expected_parent
            assert got[i]["date_gmt"] == row.date_gmt.strftime("%Y-%m-%dT%H:%M:%S")  # no "Z", no offset
        assert (got[ids[12]]["author"], got[ids[12]]["author_name"]) == (staff, "Acme Soporte")
        assert got[ids[0]]["author"] == 0 and got[ids[0]]["link"].endswith(f"?p={post_id}#comment-{ids[0]}")
        assert [c["id"] for c in answer.json()] == sorted(got, key=lambda i: got[i]["date_gmt"], reverse=True)

        paged = comments_api(blog, http, post=post_id, per_page=5)
        assert (paged.headers["X-WP-Total"], paged.headers["X-WP-TotalPages"]) == ("15", "3")
        assert 'rel="next"' in paged.headers["Link"] and len(paged.json()) == 5
        assert comments_api(blog, http, post=post_id, per_page=5, page=3).json()[-1]["id"] == ids[0]
        # Pingbacks exist but only an editor may ask for them: anonymous `type=pingback` is refused.
        assert http.get(blog.rest_url("/wp/v2/comments", post=post_id, type="pingback")).status_code == 401


def test_site_wide_endpoint_filters_by_after_in_site_local_time(blog: Blog) -> None:
    """`after` is exclusive and compared with comment_date (local): without an offset it means site time."""
    blog.set_option("timezone_string", "Europe/Madrid")  # UTC+1 in November
    first, second = blog.add_post("Uno", "a", T0), blog.add_post("Dos", "b", T0)
    ids = blog.add_comments([NewComment(first, "A", "a", T0 + timedelta(minutes=10)),
                             NewComment(second, "B", "b", T0 + timedelta(minutes=20)),
                             NewComment(second, "C", "c", T0 + timedelta(minutes=30), type="pingback")])
    with blog.client() as http:
        def after(value: str) -> list[int]:
            return [c["id"] for c in comments_api(blog, http, after=value, per_page=100).json()]

        assert after("2026-11-02T09:05:00Z") == [ids[1], ids[0]]
        assert after("2026-11-02T09:10:00Z") == [ids[1]]  # exclusive
        assert after("2026-11-02T10:10:00+01:00") == [ids[1]]
        assert after("2026-11-02T09:15:00") == [ids[1], ids[0]]  # read as 09:15 Madrid = 08:15Z
        one = comments_api(blog, http, after="2026-11-02T09:15:00Z").json()[0]
        assert (one["date_gmt"], one["date"]) == ("2026-11-02T09:20:00", "2026-11-02T10:20:00")
        assert http.get(blog.rest_url("/wp/v2/comments", after="yesterday")).status_code == 400


def test_disabled_rest_api_answers_401_403_or_an_html_page(blog: Blog) -> None:
    post_id = blog.add_post("Post", "x", T0)
    blog.add_comment(post_id, "Ana", "hola", T0)
    url = blog.rest_url("/wp/v2/comments", post=post_id, per_page=100)
    with blog.client() as http:
        for status in (401, 403):
            blog.disable_rest_api(status)
            answer = http.get(url)
            assert answer.status_code == status and answer.json()["data"]["status"] == status
        blog.disable_rest_api(mode="unrouted")
        page = http.get(url)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "<!doctype html>" in page.text and "X-WP-Total" not in page.headers
        blog.enable_rest_api()
        assert comments_api(blog, http, post=post_id).headers["X-WP-Total"] == "1"
        # The comment feed does not depend on the API.
        assert len(feedparser.parse(http.get(blog.comment_feed_url(post_id)).content).entries) == 1


def test_two_blogs_on_two_loopback_addresses_are_independent(wordpress: WordPressServer) -> None:
    one = wordpress.add_blog(host="127.0.0.2", title="Blog uno")
    two = wordpress.add_blog(host="127.0.0.3", title="Blog dos")
    try:
        post = one.add_post("Solo en uno", "x", T0)
        one.add_comment(post, "Ana", "hola", T0)
        one.disable_rest_api(403)
        with one.client() as a, two.client() as b:
            assert feedparser.parse(a.get(one.feed_url()).content).feed.title == "Blog uno"
            feed_two = feedparser.parse(b.get(two.feed_url()).content)
            assert feed_two.feed.title == "Blog dos" and feed_two.entries == []
            assert a.get(one.rest_url("/wp/v2/comments")).status_code == 403
            assert comments_api(two, b).headers["X-WP-Total"] == "0"
    finally:
        one.close()
        two.close()
    assert not one.config_path.exists() and not two.config_path.exists()


def test_values_reach_wordpress_verbatim(blog: Blog) -> None:
    """Nothing is formatted into PHP source, so quotes, backslashes and PHP tags arrive as written."""
    nasty = "It's \"quoted\" \\ back\\slash $HOME <?php echo 1; ?> '); DROP TABLE wp_comments; -- ñ 😀"
    post_id = blog.add_post(nasty, nasty, T0)
    cid = blog.add_comment(post_id, nasty, nasty, T0)
    stored = blog.php("$c = get_comment($args['id']); return [$c->comment_author, $c->comment_content];", id=cid)
    assert stored == [nasty, nasty]
    assert blog.php("return get_post($args['id'])->post_title;", id=post_id) == nasty
    blog.set_option("pulso_probe", {"nested": [nasty]})
    assert blog.get_option("pulso_probe") == {"nested": [nasty]}


def test_missing_packages_name_the_apt_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(system.BINARIES, "mariadbd", "/nonexistent/mariadbd")
    with pytest.raises(WordPressUnavailable, match="apt-get install -y --no-install-recommends wordpress"):
        system.check_requirements()
