"""Feed text is hostile: it must reach the page as text, links only as http(s), e-mails never."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from scripts import safe
from scripts.pages.kit import link


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "file:///etc/passwd",
                                 "//evil.example/x", "http://", "https://a.example/ x", "ftp://a.example/", None, 3])
def test_only_http_links_survive(url: object) -> None:
    assert safe.safe_url(url) is None


def test_http_and_https_links_are_kept() -> None:
    assert safe.safe_url("https://blog.example.com/p?a=1#c-2") == "https://blog.example.com/p?a=1#c-2"
    assert safe.safe_url("HTTP://blog.example.com/") == "HTTP://blog.example.com/"


def test_link_escapes_text_and_href() -> None:
    html = link('https://a.example/?q="><script>', "<b>hi</b>")
    assert isinstance(html, Markup)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;hi&lt;/b&gt;" in html
    assert 'href="https://a.example/?q=&#34;&gt;&lt;script&gt;"' in html


def test_non_http_link_becomes_plain_escaped_text() -> None:
    assert link("javascript:alert(1)", "<i>x</i>") == "&lt;i&gt;x&lt;/i&gt;"


def test_email_addresses_are_never_shown() -> None:
    assert safe.clean("write to ana.p+x@mail.example.org now", email_label="[hidden]") == "write to [hidden] now"
    assert "@" not in safe.author("Ana (ana@example.com)")


def test_hidden_authors_are_masked_accent_insensitively() -> None:
    hidden = frozenset({safe.fold("José Pérez")})
    assert safe.author("JOSE PEREZ", hidden=hidden, hidden_label="(oculto)") == "(oculto)"


def test_long_text_is_cut_on_a_word_with_an_ellipsis() -> None:
    text = safe.clean("palabra " * 50, 40)
    assert len(text) <= 40 and text.endswith("…") and not text.endswith(" …")


def test_whitespace_and_control_characters_collapse_to_one_line() -> None:
    assert safe.clean("a\n\n  b\x00\tc") == "a b c"


def test_csv_cells_cannot_start_a_formula() -> None:
    assert safe.csv_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe.csv_cell("@SUM(1)") == "'@SUM(1)"
    assert safe.csv_cell("normal") == "normal"


def test_json_in_a_script_element_cannot_close_it() -> None:
    text = safe.json_for_script({"t": "</script><script>alert(1)</script>", "u": "\u2028"})
    assert "</script>" not in text and "<" not in text and "\u2028" not in text


def test_slugs_are_file_safe() -> None:
    assert safe.slug("Noticias Económicas") == "noticias-economicas"
    assert safe.slug("../..") == "source"
