"""Charts as server-rendered SVG: readable with JavaScript off, and each has a table beside it.

The SVG is built from numbers and escaped labels only; it carries a <title> and
`role="img"` so a screen reader announces the chart and then reads the table.
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 64
COLOUR = "#2f6f4f"


def _nice_max(value: float) -> float:
    """A round top for the axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _short(value: float) -> str:
    for limit, suffix in ((1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")):
        if abs(value) >= limit:
            number = value / limit
            return f"{number:.0f}{suffix}" if number == int(number) else f"{number:.1f}{suffix}"
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _frame(title: str, top: float, labels: Sequence[str], plot_w: float) -> list[str]:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#444">{_short(value)}</text>'
        )
    count = max(len(labels), 1)
    every = max(1, -(-count // 16))  # at most ~16 labels on the axis
    for i, label in enumerate(labels):
        if i % every:
            continue
        x = LEFT + plot_w * (i + 0.5) / count
        y = HEIGHT - BOTTOM + 14
        parts.append(
            f'<text x="{x:.1f}" y="{y}" font-size="11" fill="#444" text-anchor="end" '
            f'transform="rotate(-40 {x:.1f} {y})">{escape(label)}</text>'
        )
    return parts


def bar_chart(title: str, points: Sequence[tuple[str, float]]) -> SafeString:
    """Vertical bars, one per (label, value)."""
    labels = [str(label) for label, _ in points]
    values = [float(value or 0) for _, value in points]
    top = max(_nice_max(max(values, default=0)), 4)  # four whole steps at least
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = _frame(title, top, labels, plot_w)
    slot = plot_w / max(len(values), 1)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / top
        x = LEFT + slot * i + slot * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{COLOUR}">'
            f"<title>{escape(label)}: {_short(value)}</title></rect>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # numbers and escaped labels only # noqa: S308 # nosec B308 B703


def line_chart(title: str, points: Sequence[tuple[str, float]]) -> SafeString:
    """A line through (label, value) points in order, with a dot on each."""
    labels = [str(label) for label, _ in points]
    values = [float(value or 0) for _, value in points]
    top = max(_nice_max(max(values, default=0)), 4)  # four whole steps at least
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = _frame(title, top, labels, plot_w)
    count = max(len(values), 1)
    coords = [
        (LEFT + plot_w * (i + 0.5) / count, TOP + plot_h - plot_h * value / top) for i, value in enumerate(values)
    ]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{COLOUR}" stroke-width="2"/>')
    for (x, y), label, value in zip(coords, labels, values, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLOUR}">'
            f"<title>{escape(label)}: {_short(value)}</title></circle>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # numbers and escaped labels only # noqa: S308 # nosec B308 B703
