"""The page-writing kit: what a page writer returns (pages, charts, files), the context it reads, and the
Jinja environment every template renders in (autoescaping on, filters that clean feed text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from collector import Config
from scripts import safe
from scripts.i18n import Locale
from scripts.pages.downloads import CsvDownload
from scripts.queries import SiteData


@dataclass
class ChartJob:
    """One chart to draw as charts/<name>.svg; `interactive` also embeds the spec for vega-embed tooltips.

    The chart is `make(**args)`, built only when it has to be drawn: `make` is a module-level chart
    function (worker processes import it by name) and the build cache keys on its name and the content
    of `args`, so a chart whose data did not change costs neither Altair nor vl-convert."""

    name: str
    make: Callable[..., Any]
    args: dict[str, Any]
    alt_text: str
    interactive: bool = False
    spec: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, name: str, chart: Any, alt_text: str, interactive: bool = False) -> ChartJob:
        """A job for a chart that already exists (e.g. a prevalidated spec)."""
        return cls(name, given, {"chart": chart}, alt_text, interactive)


def given(chart: Any) -> Any:
    """`make` of a job whose chart was built beforehand."""
    return chart


@dataclass
class Page:
    path: str                 # relative to the docs dir, e.g. "sources/blog-a.md"
    template: str
    context: dict[str, Any]


@dataclass
class Output:
    pages: list[Page] = field(default_factory=list)
    charts: list[ChartJob] = field(default_factory=list)
    files: dict[str, bytes | CsvDownload] = field(default_factory=dict)   # other files: the Atom feed, CSV downloads


@dataclass(frozen=True)
class SiteContext:
    data: SiteData
    config: Config
    L: Locale

    @property
    def hidden_authors(self) -> frozenset[str]:
        return frozenset(safe.fold(name) for name in self.config.privacy.hide_authors)


PageWriter = Callable[[SiteContext], Output]


# ---- helpers the templates call -------------------------------------------------------------------

def link(url: object, text: object) -> Markup:
    """An external link when the URL is http(s), else the text alone; both escaped."""
    target = safe.safe_url(url)
    label = escape(text if text not in (None, "") else url or "")
    if target is None:
        return Markup(label)
    return Markup('<a href="{}" rel="noopener noreferrer nofollow" target="_blank">{}</a>').format(target, label)


def figure(job: ChartJob, depth: int) -> Markup:
    """`<img>` of the pre-rendered SVG (works without JS) plus, when interactive, the spec as inert JSON."""
    prefix = "../" * depth
    spec = ""
    if job.interactive:
        spec = Markup('<script type="application/json" class="pulso-spec">{}</script>').format(
            Markup(safe.json_for_script(job.spec)))
    return Markup(
        '<figure class="pulso-chart">'
        '<img src="{}charts/{}.svg" alt="{}" loading="lazy">{}'
        "<figcaption>{}</figcaption></figure>"
    ).format(prefix, job.name, job.alt_text, spec, job.alt_text)


def make_env(ctx: SiteContext, compiled: Path | None = None) -> Environment:
    """Autoescaping is on for every template: feed text can only ever be text. `compiled` keeps the compiled
    templates between builds (Jinja checks each against its source, so an edited template is recompiled)."""
    env = Environment(loader=PackageLoader("scripts", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None)
    L = ctx.L
    hidden = ctx.hidden_authors
    email = L.t("email.hidden")
    env.globals.update(L=L, link=link, now=ctx.data.now, brand=ctx.config.brand)
    env.filters.update(
        num=L.number, pct=L.percent, pp=L.points, hours=L.hours, when=L.when, day=L.day, week=L.week,
        text=lambda v, n=safe.EXCERPT_LIMIT: safe.clean(v, n, email_label=email),
        title=lambda v: safe.clean(v, safe.TITLE_LIMIT, email_label=email),
        author=lambda v: safe.author(v, hidden=hidden, hidden_label=L.t("hidden.author"), email_label=email),
        ago=lambda v: L.age(ctx.data.now, v),
        md=safe.md_escape,
    )
    return env


def render_page(env: Environment, page: Page) -> str:
    """Render one page; `figure` knows how deep the page sits so chart paths stay relative."""
    depth = page.path.count("/")
    template = env.get_template(page.template)
    return template.render(**page.context, figure=lambda job: figure(job, depth) if job else "",
                           up="../" * depth)
