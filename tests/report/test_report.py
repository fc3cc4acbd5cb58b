"""HTML reports: content, escaping, and opening offline."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bastion import Section, build_report, load_scenario, parse_scenario
from bastion.report import render_report, table_html

URL_ATTRIBUTES = {"src", "href", "data", "poster", "srcset", "action", "background"}


needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="chromium is not installed"
)


def offline_dom(path: Path, profile: Path) -> str:
    """The DOM of ``path`` after headless Chromium rendered it with every request failing."""
    proc = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            # every network request would fail: the report must not need any
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--virtual-time-budget=5000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class ResourceCollector(HTMLParser):
    """Every URL the browser would fetch: attributes, <link>s, CSS url() and @import."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value:
                self.urls.append(value)
            if name == "style" and value:
                self.urls += re.findall(r"url\(([^)]*)\)", value)
        self.in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.urls += re.findall(r"url\(([^)]*)\)", data)
            self.urls += re.findall(r"@import\s+['\"]?([^'\";]+)", data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False


def external(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith("#") and re.match(r"^\s*(https?:)?//", u)]


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from bastion import example_path

    path = build_report(load_scenario(example_path()), tmp_path_factory.mktemp("r") / "r.html")
    return path, path.read_text(encoding="utf-8")


def test_report_has_the_scenario_sections(report_html: tuple[Path, str]) -> None:
    _, text = report_html
    for anchor in ("overview", "actors", "alliances", "sectors", "suppliers", "ladder", "levers"):
        assert f'id="{anchor}"' in text
    assert "FICTIONAL" in text and "Northmarch" in text and "Kestrel Networks" in text
    assert 'id="alliance-diagram"' in text


def test_report_requests_nothing_from_the_network(report_html: tuple[Path, str]) -> None:
    _, text = report_html
    parser = ResourceCollector()
    parser.feed(text)
    assert external(parser.urls) == []
    assert not re.search(r"<script[^>]+src=", text)
    assert not re.search(r"<link[^>]+href=", text)


def test_plotly_is_inlined_once(report_html: tuple[Path, str]) -> None:
    _, text = report_html
    from plotly.offline import get_plotlyjs

    assert text.count(get_plotlyjs()[:200]) == 1
    assert "Plotly.newPlot" in text


def test_collector_finds_external_resources() -> None:
    """The offline check itself can fail: it sees script, link, img and CSS URLs."""
    parser = ResourceCollector()
    parser.feed(
        '<script src="https://cdn.plot.ly/x.js"></script><link href="//fonts.example/x.css">'
        '<img src="https://a/b.png"><style>@import "https://x/y.css"; '
        "body{background:url(https://z/w.png)}</style>"
    )
    assert len(external(parser.urls)) == 5


def test_user_text_is_escaped(minimal_text: str, tmp_path: Path) -> None:
    scenario = parse_scenario(
        minimal_text.replace("name: Alpha", 'name: "<script>alert(1)</script>"')
    )
    text = build_report(scenario, tmp_path / "x.html").read_text()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_report_without_figures_has_no_plotly(minimal_text: str) -> None:
    text = render_report("t", [Section("s", "S", table_html(["a"], [[1.0]]))])
    assert "Plotly" not in text and len(text) < 20_000


def test_table_formats_numbers_and_blanks() -> None:
    html = table_html(["a", "b", "c"], [[0.123456, None, "x<y"]], numeric=[True, False, False])
    assert ">0.123<" in html and ">—<" in html and "x&lt;y" in html


@needs_chromium
def test_report_renders_offline_in_a_real_browser(
    report_html: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = report_html
    dom = offline_dom(path, tmp_path / "profile")
    # Plotly replaced each figure's empty div with rendered SVG
    assert dom.count('class="main-svg"') >= 2
    assert "Northmarch" in dom


@needs_chromium
def test_map_renders_offline_in_a_real_browser(tmp_path: Path) -> None:
    import numpy as np

    from bastion.exposure import Node, evaluate
    from bastion.exposure.index_report import index_sections

    units = ["FRA", "DEU", "KEN", "BRA", "IND"]
    table = {"a": np.array([1.0, 2.0, 7.0, 5.0, 6.0]), "b": np.array([2.0, 1.0, 8.0, 4.0, 6.5])}
    root = Node("risk", ["a", "b"], method="geometric", decimals=1)
    sections = index_sections(root, table, evaluate(root, table), units)
    path = tmp_path / "map.html"
    path.write_text(render_report("map", sections))
    dom = offline_dom(path, tmp_path / "profile")
    assert dom.count('class="choroplethlocation"') == len(units)


@needs_chromium
def test_network_view_renders_offline_in_a_real_browser(tmp_path: Path) -> None:
    import networkx as nx

    from bastion.networks import leiden
    from bastion.networks.report import view_section
    from tests.networks.helpers import from_nx

    net = from_nx(nx.relabel_nodes(nx.karate_club_graph(), str))
    section = view_section(net, {x: 1.0 for x in net.labels}, leiden(net).membership)
    path = tmp_path / "net.html"
    path.write_text(render_report("network", [section]))
    dom = offline_dom(path, tmp_path / "profile")
    assert 'data-rendered-nodes="34"' in dom  # Cytoscape.js drew every actor
    assert "<canvas" in dom


@needs_chromium
def test_warning_map_and_fans_render_offline(tmp_path: Path) -> None:
    import numpy as np

    from bastion.warning import Panel
    from bastion.warning.forecast import summarise
    from bastion.warning.report import fan_section, map_section

    units = np.array(["KEN", "ETH", "SOM"])
    samples = (
        np.random.default_rng(0).poisson([[[5.0]], [[30.0]], [[60.0]]], (3, 2, 200)).astype(float)
    )
    result = summarise(samples, units, np.array([505, 506]), exceed=25.0)
    history = Panel(units, np.arange(493, 505), np.ones((3, 12)))
    points = ([0.1, 9.0], [37.9, 40.5], ["a", "b"])
    sections = [map_section(result, points), fan_section(result, history, top=2)]
    path = tmp_path / "w.html"
    path.write_text(render_report("warning", [s for s in sections if s is not None]))
    dom = offline_dom(path, tmp_path / "profile")
    assert dom.count('class="choroplethlocation"') == 3  # every country drawn, offline
    assert dom.count('class="main-svg"') >= 2
