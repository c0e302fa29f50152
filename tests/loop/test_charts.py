"""The SVG charts are well-formed XML, accessible, escaped, and empty when there is no data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from loopcoach.areas.loop import charts

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None and title.text and desc.text
    return root


def test_radar() -> None:
    svg = charts.radar([("Coding", 80.0), ("Theory", None), ("Design <x>", 40.0)], "Areas")
    root = _parse(svg)
    assert "Theory: not tried" in (root.find(f"{NS}desc").text or "")  # type: ignore[union-attr]
    assert "Design &lt;x&gt;" in svg
    assert charts.radar([("A", None), ("B", None), ("C", None)], "t") == ""
    assert charts.radar([("A", 1.0), ("B", 2.0)], "t") == ""


def test_trend_lines() -> None:
    svg = charts.trend_lines({"Coding": [(date(2026, 11, 2), 40.0), (date(2026, 11, 9), 70.0)],
                              "Theory": [(date(2026, 11, 9), 55.0)]}, "Trend")
    root = _parse(svg)
    assert len(root.findall(f"{NS}polyline")) == 1 and len(root.findall(f".//{NS}circle")) == 3
    assert charts.trend_lines({}, "t") == "" and charts.trend_lines({"A": []}, "t") == ""


def test_heatmap_colours_by_score() -> None:
    svg = charts.heatmap([("Coding", {"graphs": 20.0, "trees": 95.0, "tries": None})], "Topics")
    _parse(svg)
    assert charts.score_color(None) == "#e4e7eb"
    assert charts.score_color(0)[1:3] == "d6"  # red dominant
    green = charts.score_color(100)
    assert int(green[3:5], 16) > int(green[1:3], 16)  # green dominant
    assert charts.heatmap([("Coding", {"graphs": None})], "t") == ""


def test_due_bars() -> None:
    _parse(charts.due_bars([("ML theory", 3, 5)], "Due"))
    assert charts.due_bars([], "t") == ""


def test_heatmap_shows_moves() -> None:
    svg = charts.heatmap([("Coding", {"graphs": 70.0, "trees": 50.0})], "Topics",
                         {"Coding": {"graphs": 25.0, "trees": -10.0}})
    root = _parse(svg)
    assert "graphs 70 ▲25" in (root.find(f"{NS}desc").text or "")  # type: ignore[union-attr]
    assert "50 ▼10" in svg
