"""Blogrolls in and out: `pulso sources import` adds OPML outlines as [[sources]] without touching a byte
of the user's config, and `pulso sources export` writes OPML that imports back to the same sources."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

import listparser
import pytest
from click.testing import CliRunner

from collector.config import ConfigError, load_config
from collector.sources_file import (
    OpmlError,
    Outline,
    SourceEntry,
    insert_sources,
    plan_import,
    read_opml,
    replace_file,
    slug,
    to_opml,
    unique_name,
    url_key,
)
from pulso.cmd_sources import sources_group

FIXTURES = Path(__file__).parent / "fixtures" / "opml"
EMPTY_CONFIG = '[brand]\nname = "Acme"\n'


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(sources_group, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_bytes((FIXTURES / "monitor-commented.toml").read_bytes())
    return path


def sources_of(path: Path) -> list[tuple[str, str, str | None, bool]]:
    return [(s.name, s.url, s.title, s.owned) for s in load_config(path).sources]


# --- reading OPML -------------------------------------------------------------------------------

def test_a_feed_readers_export_gives_every_feed_with_its_title_and_folder():
    outlines = read_opml((FIXTURES / "feedreader-export.opml").read_bytes()).outlines
    assert [(o.url, o.title) for o in outlines[:4]] == [
        ("http://blog.example.com/feed", "Blog de Acme"),
        ("https://quejas-telefonia.blogspot.com/feeds/posts/default", "Quejas & Reclamaciones — Telefonía"),
        ("https://otro.example.org/opiniones/feed/", "Opiniones"),
        ("https://rival.example.net/support/?feed=rss2", "Rival Support Blog"),   # nested two folders deep
    ]
    assert outlines[0].tags == ("atención al cliente",)
    assert not any(o.site_only for o in outlines)


def test_a_wordpress_blogroll_link_without_a_feed_is_a_site_to_discover():
    outlines = read_opml((FIXTURES / "wordpress-links.opml").read_bytes()).outlines
    assert {(o.url, o.site_only) for o in outlines} == {("https://consumo.example.com/feed/", False),
                                                        ("https://www.example.es/foro/", True)}


def test_the_xml_declarations_encoding_is_honoured():
    (outline,) = read_opml((FIXTURES / "latin1.opml").read_bytes()).outlines
    assert outline.title == "Atención Ñandú"


@pytest.mark.parametrize(("data", "says"), [
    (b"", "the file is empty"), (b"  \n", "the file is empty"),
    ((FIXTURES / "not-opml.xml").read_bytes(), "not an OPML file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not an OPML file"),
])
def test_what_is_not_opml_is_refused_with_a_reason(data: bytes, says: str):
    with pytest.raises(OpmlError, match=says):
        read_opml(data)


def test_a_document_that_starts_with_a_url_is_never_fetched():
    # listparser fetches a str that starts with http; read_opml hands it bytes only.
    with pytest.raises(OpmlError):
        read_opml(b"http://127.0.0.1:9/blogroll.opml")


# --- names and duplicates -----------------------------------------------------------------------

@pytest.mark.parametrize(("title", "expected"), [
    ("Quejas & Reclamaciones — Telefonía", "quejas-reclamaciones-telefonia"),
    ("  Blog de ACME  ", "blog-de-acme"),
    ("日本語のブログ", ""),
    ("x" * 80, "x" * 48),
])
def test_names_are_ascii_lower_case_with_hyphens(title: str, expected: str):
    assert slug(title) == expected


def test_names_are_made_unique_against_the_taken_ones():
    assert unique_name("blog", {"blog", "blog-2"}) == "blog-3"
    assert len(unique_name("x" * 48, {"x" * 48})) <= 48


@pytest.mark.parametrize(("a", "b"), [
    ("https://blog.example.com/feed/", "http://blog.example.com/feed"),
    ("https://Blog.Example.com:443/feed", "https://blog.example.com/feed#top"),
])
def test_the_same_blog_under_another_scheme_or_slash_is_the_same_source(a: str, b: str):
    assert url_key(a) == url_key(b)


def test_outlines_without_a_title_are_named_after_their_host():
    plan = plan_import([Outline("https://www.nameless.example/rss.xml", None),
                        Outline("https://www.nameless.example/other.xml", "日本語")], [])
    assert [e.name for e, _ in plan.added] == ["nameless-example", "nameless-example-2"]


def test_import_plan_skips_known_urls_and_non_http_and_dedupes_names():
    outlines = read_opml((FIXTURES / "feedreader-export.opml").read_bytes()).outlines
    existing = tomllib.loads((FIXTURES / "monitor-commented.toml").read_text())["sources"]
    plan = plan_import(outlines, existing)
    assert [(e.name, e.url, e.title) for e, _ in plan.added] == [
        ("quejas-reclamaciones-telefonia", "https://quejas-telefonia.blogspot.com/feeds/posts/default",
         "Quejas & Reclamaciones — Telefonía"),
        ("opiniones", "https://otro.example.org/opiniones/feed/", "Opiniones"),
        ("rival-support-blog-2", "https://rival.example.net/support/?feed=rss2", "Rival Support Blog"),
        ("nameless-example", "https://www.nameless.example/rss.xml", None),
    ]
    assert plan.skipped == [("http://blog.example.com/feed", "already a source (blog-acme)"),
                            ("https://blog.example.com/feed", "already a source (blog-acme)"),
                            ("gopher://old.example/feed", "not an http(s) URL")]
    assert not any(e.owned for e, _ in plan.added)
    assert all(e.owned for e, _ in plan_import(outlines, existing, owned=True).added)


# --- writing the config -------------------------------------------------------------------------

def only_insertions(old: str, new: str) -> bool:
    ops = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in ops)


def test_import_keeps_the_users_file_byte_for_byte_and_loads(config: Path):
    old = config.read_bytes()
    code, out, err = run("import", str(FIXTURES / "feedreader-export.opml"), "--config", str(config))
    assert code == 0, err
    new = config.read_bytes()
    assert new.startswith(old) and only_insertions(old.decode(), new.decode())
    assert (config.parent / "monitor.toml.bak").read_bytes() == old
    assert sources_of(config) == [
        ("blog-acme", "https://blog.example.com/feed/", None, True),
        ("rival-support-blog", "https://elsewhere.example/feed/", None, False),
        ("quejas-reclamaciones-telefonia", "https://quejas-telefonia.blogspot.com/feeds/posts/default",
         "Quejas & Reclamaciones — Telefonía", False),
        ("opiniones", "https://otro.example.org/opiniones/feed/", "Opiniones", False),
        ("rival-support-blog-2", "https://rival.example.net/support/?feed=rss2", "Rival Support Blog", False),
        ("nameless-example", "https://www.nameless.example/rss.xml", None, False),
    ]
    assert "added 4 source(s)" in out and "+ opiniones  https://otro.example.org/opiniones/feed/" in out
    assert "skipped http://blog.example.com/feed: already a source (blog-acme)" in out
    assert "skipped gopher://old.example/feed: not an http(s) URL" in out
    assert "# Imported from feedreader-export.opml on " in new.decode()
    assert not list(config.parent.glob(".monitor.toml.*"))     # no temp file left behind


def test_import_with_owned_marks_every_new_source_owned_and_says_which_are_sites(config: Path):
    code, out, _ = run("import", str(FIXTURES / "wordpress-links.opml"), "--owned", "--config", str(config))
    assert code == 0
    assert sources_of(config)[2:] == [
        ("diario-del-consumidor", "https://consumo.example.com/feed/", "Diario del consumidor", True),
        ("foro-de-clientes", "https://www.example.es/foro/", "Foro de clientes", True),
    ]
    assert "+ foro-de-clientes  https://www.example.es/foro/  owned  (a site: its feed is discovered at collect)" in out


def test_importing_the_same_blogroll_twice_adds_nothing_and_leaves_the_file_alone(config: Path):
    run("import", str(FIXTURES / "wordpress-links.opml"), "--config", str(config))
    once = config.read_bytes()
    (config.parent / "monitor.toml.bak").unlink()
    code, out, _ = run("import", str(FIXTURES / "wordpress-links.opml"), "--config", str(config))
    assert code == 0 and "nothing to add" in out
    assert config.read_bytes() == once and not (config.parent / "monitor.toml.bak").exists()


def test_a_file_with_crlf_line_endings_keeps_them(tmp_path: Path):
    path = tmp_path / "monitor.toml"
    path.write_bytes(b'[brand]\r\nname = "Acme"\r\n')
    assert run("import", str(FIXTURES / "latin1.opml"), "--config", str(path))[0] == 0
    text = path.read_bytes()
    assert text.startswith(b'[brand]\r\nname = "Acme"\r\n') and b"\n" not in text.replace(b"\r\n", b"")
    assert sources_of(path) == [("atencion-nandu", "http://viejo.example.com/feed/", "Atención Ñandú", False)]


def test_insert_sources_escapes_what_toml_needs(tmp_path: Path):
    entry = SourceEntry(name="q", url='https://q.example/?a="1"&b=\\', title='Dice "hola"\n\\ \t fin')
    text = insert_sources(EMPTY_CONFIG, [entry], tmp_path / "m.toml")
    assert tomllib.loads(text)["sources"] == [{"name": "q", "title": 'Dice "hola"\n\\ \t fin',
                                               "url": 'https://q.example/?a="1"&b=\\'}]


def test_a_config_the_import_would_break_is_not_written(config: Path):
    config.write_text(config.read_text() + '\n[[sources]]\nname = "x"\nurl = "https://x.example/"\ncolour = "red"\n')
    before = config.read_bytes()
    code, _, err = run("import", str(FIXTURES / "latin1.opml"), "--config", str(config))
    assert code == 2 and "colour: unknown key" in err and "nothing was written" in err
    assert config.read_bytes() == before and not (config.parent / "monitor.toml.bak").exists()


def test_sources_written_as_an_inline_array_are_refused_clearly(tmp_path: Path):
    path = tmp_path / "monitor.toml"
    path.write_text('sources = [{name = "a", url = "https://a.example/feed"}]\n' + EMPTY_CONFIG)
    before = path.read_bytes()
    code, _, err = run("import", str(FIXTURES / "latin1.opml"), "--config", str(path))
    assert code == 2 and "inline array" in err and path.read_bytes() == before


def test_a_missing_config_is_named(tmp_path: Path):
    code, _, err = run("import", str(FIXTURES / "latin1.opml"), "--config", str(tmp_path / "nope.toml"))
    assert code == 2 and "nope.toml" in err and "file not found" in err


# --- bad OPML files -----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "says"), [
    ("missing.opml", "missing.opml: file not found"),
    ("a-folder", "a-folder: is a folder, not an OPML file"),
    ("not-opml.xml", "not-opml.xml: not an OPML file"),
    ("folders-only.opml", "folders-only.opml: no feeds in this OPML: no outline has an xmlUrl or htmlUrl "
                          "(it only links 1 other list(s))"),
])
def test_a_bad_opml_file_is_named_with_exit_2_and_nothing_written(config: Path, tmp_path: Path, name: str,
                                                                  says: str):
    (tmp_path / "a-folder").mkdir()
    source = FIXTURES / name if (FIXTURES / name).exists() else tmp_path / name
    before = config.read_bytes()
    code, _, err = run("import", str(source), "--config", str(config))
    assert code == 2 and says in err
    assert config.read_bytes() == before


# --- export and the round trip ------------------------------------------------------------------

def test_export_writes_opml_2_with_feeds_sites_and_the_owned_category(config: Path):
    run("import", str(FIXTURES / "wordpress-links.opml"), "--config", str(config))
    code, out, _ = run("export", "--config", str(config))
    assert code == 0
    doc = listparser.parse(out.encode())
    assert doc.version == "opml2" and doc.meta.title == "Acme: Pulso sources"
    assert [(f.url, f.title, f.tags) for f in doc.feeds] == [
        ("https://blog.example.com/feed/", "blog-acme", ["owned"]),
        ("https://elsewhere.example/feed/", "rival-support-blog", []),
        ("https://consumo.example.com/feed/", "Diario del consumidor", []),
    ]
    assert [(o.url, o.title) for o in doc.opportunities] == [("https://www.example.es/foro/", "Foro de clientes")]
    assert 'htmlUrl="https://www.example.es/foro/"' in out


def test_export_then_import_into_an_empty_config_gives_the_same_sources(config: Path, tmp_path: Path):
    for blogroll in ("feedreader-export.opml", "wordpress-links.opml"):
        assert run("import", str(FIXTURES / blogroll), "--config", str(config))[0] == 0
    exported = tmp_path / "out" / "blogroll.opml"
    exported.parent.mkdir()
    code, _, err = run("export", "--config", str(config), "--out", str(exported))
    assert code == 0 and "wrote 8 source(s)" in err
    empty = tmp_path / "empty.toml"
    empty.write_text(EMPTY_CONFIG)
    code, out, _ = run("import", str(exported), "--config", str(empty))
    assert code == 0, out
    first = {url: (name, title, owned) for name, url, title, owned in sources_of(config)}
    again = {url: (name, title, owned) for name, url, title, owned in sources_of(empty)}
    # A source without a title travels under its name, which comes back as its title.
    assert again == {url: (name, title or name, owned) for url, (name, title, owned) in first.items()}
    assert sum(owned for _, _, owned in again.values()) == 1 and len(again) == 8


def test_export_leaves_out_local_files_and_says_so(tmp_path: Path):
    (tmp_path / "feed.xml").write_text("<rss/>")
    path = tmp_path / "monitor.toml"
    path.write_text(EMPTY_CONFIG + '[[sources]]\nname = "local"\nurl = "feed.xml"\n'
                    '[[sources]]\nname = "web"\nurl = "https://web.example/"\nowned = true\n')
    code, out, err = run("export", "--config", str(path))
    assert code == 0 and "left out 1 source(s) read from local files: local" in err
    assert [(o.url, o.tags) for o in listparser.parse(out.encode()).opportunities] == [("https://web.example/",
                                                                                       ["owned"])]


def test_export_of_an_invalid_config_exits_2(tmp_path: Path):
    path = tmp_path / "monitor.toml"
    path.write_text(EMPTY_CONFIG)      # no sources: not a usable config
    code, _, err = run("export", "--config", str(path))
    assert code == 2 and "at least one source" in err


def test_the_opml_is_one_outline_per_source_in_order():
    data = to_opml([SourceEntry("a", "https://a.example/feed/", "A & B", owned=True),
                    SourceEntry("b", "https://b.example/")], title="T")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<opml version=\"2.0\">")
    assert b'<outline text="A &amp; B" title="A &amp; B" type="rss" xmlUrl="https://a.example/feed/" ' \
           b'category="owned" />' in data
    assert b'<outline text="b" title="b" type="link" xmlUrl="" htmlUrl="https://b.example/" />' in data


def test_replace_file_keeps_the_old_file_as_bak_and_its_permissions(tmp_path: Path):
    path = tmp_path / "f.toml"
    path.write_text("old")
    path.chmod(0o640)
    assert replace_file(path, b"new", backup=True) == tmp_path / "f.toml.bak"
    assert path.read_text() == "new" and (tmp_path / "f.toml.bak").read_text() == "old"
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_source_title_is_part_of_the_config(tmp_path: Path):
    path = tmp_path / "monitor.toml"
    path.write_text(EMPTY_CONFIG + '[[sources]]\nname = "a"\ntitle = "Blog A"\nurl = "https://a.example/"\n')
    assert load_config(path).sources[0].title == "Blog A"
    path.write_text(EMPTY_CONFIG + '[[sources]]\nname = "a"\ntitle = 3\nurl = "https://a.example/"\n')
    with pytest.raises(ConfigError, match="title: expected a string"):
        load_config(path)
