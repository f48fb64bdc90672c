"""Server-side SVG charts of the report."""
import re
from xml.etree import ElementTree

from corridor.consultations import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def texts(root: ElementTree.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def test_bar_chart_is_an_accessible_image_with_text_labels():
    root = parse(charts.bar_chart([("English", 15), ("Français & co", 14)], title="By language",
                                  description="English: 15; French: 14"))
    assert root.get("role") == "img"
    title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.text, description.text) == ("By language", "English: 15; French: 14")
    assert root.get("aria-labelledby") == f"{title.get('id')} {description.get('id')}"
    assert texts(root) == ["English", "15", "Français & co", "14"]
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > 0


def test_bars_grow_from_the_right_in_right_to_left_languages():
    ltr = parse(charts.bar_chart([("a", 10)], title="t"))
    rtl = parse(charts.bar_chart([("a", 10)], title="t", rtl=True))
    assert rtl.get("direction") == "ltr"  # explicit positions, whatever the page's direction
    ltr_bar, rtl_bar = next(ltr.iter(f"{SVG}rect")), next(rtl.iter(f"{SVG}rect"))
    assert float(ltr_bar.get("x")) == charts.LABEL_WIDTH
    assert float(rtl_bar.get("x")) + float(rtl_bar.get("width")) == charts.WIDTH - charts.LABEL_WIDTH
    label_x = float(next(rtl.iter(f"{SVG}text")).get("x"))
    assert label_x > float(rtl_bar.get("x")) + float(rtl_bar.get("width"))


def test_long_labels_are_shortened_and_escaped():
    root = parse(charts.bar_chart([("<b>" + "x" * 60, 1)], title="<Title>"))
    assert texts(root)[0].startswith("<b>") and texts(root)[0].endswith("…")
    assert len(texts(root)[0]) == charts.LABEL_CHARACTERS
    assert root.find(f"{SVG}title").text == "<Title>"


def test_column_chart_runs_right_to_left_in_rtl():
    columns = [(f"day {i}", i) for i in range(1, 31)]
    ltr, rtl = parse(charts.column_chart(columns, title="t")), parse(charts.column_chart(columns, title="t", rtl=True))
    axis = [t for t in texts(ltr) if t.startswith("day")]
    assert len(axis) <= charts.MAX_AXIS_LABELS and axis[0] == "day 1"
    first_ltr = next(r for r in ltr.iter(f"{SVG}rect") if r.find(f"{SVG}title").text == "day 1: 1")
    first_rtl = next(r for r in rtl.iter(f"{SVG}rect") if r.find(f"{SVG}title").text == "day 1: 1")
    assert float(first_ltr.get("x")) < charts.WIDTH / 2 < float(first_rtl.get("x"))


def test_map_places_points_and_keeps_labels_apart():
    svg = charts.map_chart([("Dakar", 14.69, -17.44, 5), ("Louga", 15.62, -16.22, 3), ("Munich", 48.14, 11.58, 1)],
                           title="Places", description="Dakar: 5")
    root = parse(svg)
    circles = list(root.iter(f"{SVG}circle"))
    assert len(circles) == 3
    x, y = float(circles[2].get("cx")), float(circles[2].get("cy"))
    assert round(x) == round((11.58 + 180) / 360 * charts.WIDTH)
    assert round(y) == round((90 - 48.14) / 180 * charts.MAP_HEIGHT)
    assert float(circles[0].get("r")) > float(circles[2].get("r"))
    assert texts(root) == ["Dakar", "Munich"]  # Louga's label would cover Dakar's
    assert re.search(r'<path d="M[\d.]+ [\d.]+h', svg)  # the inhabited land


def test_bar_chart_writes_values_with_the_given_label_and_leaves_room_for_them():
    root = parse(charts.bar_chart([("Remittances", 1234567), ("Fees", 12)], title="t",
                                  value_label=lambda value: f"CHF {value:,}"))
    assert texts(root) == ["Remittances", "CHF 1,234,567", "Fees", "CHF 12"]
    longest = next(root.iter(f"{SVG}rect"))
    room = charts.WIDTH - charts.LABEL_WIDTH - float(longest.get("width"))
    assert room >= charts.VALUE_CHARACTER_WIDTH * len("CHF 1,234,567")


def test_paired_bars_compare_two_series_and_show_missing_values():
    root = parse(charts.paired_bar_chart([("Portugal", 100, 50), ("Eritrea", None, 25)], series=("2023", "2024"),
                                         title="By nationality", missing="n/a"))
    assert texts(root) == ["2023", "2024", "Portugal", "100", "50", "Eritrea", "n/a", "25"]
    legend_first, legend_second, *bars = root.iter(f"{SVG}rect")
    assert legend_first.get("fill") == bars[0].get("fill") == bars[2].get("fill") == charts.SERIES_COLOURS[0]
    assert legend_second.get("fill") == bars[1].get("fill") == bars[3].get("fill") == charts.SERIES_COLOURS[1]
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[2] == 0 and round(widths[0] / widths[1]) == 2 and round(widths[0] / widths[3]) == 4
    rtl = parse(charts.paired_bar_chart([("Portugal", 100, 50)], series=("a", "b"), title="t", rtl=True))
    first_bar = list(rtl.iter(f"{SVG}rect"))[2]
    assert float(first_bar.get("x")) + float(first_bar.get("width")) == charts.WIDTH - charts.LABEL_WIDTH
