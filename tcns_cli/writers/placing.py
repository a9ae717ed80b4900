"""Where a picture's small texts go: beside their mark, covering no dot, no line and no
other text when a free place exists. Pure geometry in points (1/72 inch), numpy only.

A ward of a hundred units has two hundred labels within a few centimetres of paper; put
each at its first choice and the codes of neighbouring teams print over one another, which
is exactly where an officer needs to read them. Each text tries its places in order of
preference and takes the first free one, else the least covered; texts placed earlier are
obstacles to those after them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, bottom, right, top
LINE_STEP = 2.5  # points between the samples that stand for a line


def text_box(anchor: Point, offset: Point, align: tuple[str, str], size: Point) -> Box:
    """The box of a text of ``size`` (width, height) whose ``align`` (horizontal, vertical)
    point sits at ``anchor`` moved by ``offset``, as matplotlib aligns a text."""
    x, y = anchor[0] + offset[0], anchor[1] + offset[1]
    width, height = size
    left = {"left": x, "right": x - width}.get(align[0], x - width / 2)
    bottom = {"bottom": y, "top": y - height}.get(align[1], y - height / 2)
    return (left, bottom, left + width, bottom + height)


class Placer:
    """The obstacles of one picture, and the boxes of the texts placed so far."""

    def __init__(self, dots: Any, lines: Sequence[tuple[Point, Point]], frame: Box) -> None:
        """``dots``: (x, y, radius) rows; ``lines``: straight pieces; ``frame``: where
        texts must stay."""
        self.dots: Any = np.array(dots, dtype=float).reshape(-1, 3)
        self.points: Any = _samples(lines)
        self.frame = frame
        self.boxes: Any = np.empty((0, 4))

    def hits(self, box: Box) -> int:
        """How many obstacles the box covers (leaving the frame counts as one)."""
        left, bottom, right, top = box
        nearest_x = np.clip(self.dots[:, 0], left, right)
        nearest_y = np.clip(self.dots[:, 1], bottom, top)
        dots = np.count_nonzero(np.hypot(self.dots[:, 0] - nearest_x,
                                         self.dots[:, 1] - nearest_y) < self.dots[:, 2])
        x, y = self.points[:, 0], self.points[:, 1]
        lines = np.count_nonzero((x > left) & (x < right) & (y > bottom) & (y < top))
        b = self.boxes
        texts = np.count_nonzero((b[:, 0] < right) & (b[:, 2] > left) & (b[:, 1] < top)
                                 & (b[:, 3] > bottom))
        fl, fb, fr, ft = self.frame
        outside = left < fl or bottom < fb or right > fr or top > ft
        # Over a dot or a text, a text reads as another's; across a line it still reads.
        return 2 * int(dots) + int(lines > 0) + int(lines) // 4 + 2 * int(texts) + 4 * outside

    def block(self, box: Box) -> None:
        """Keep texts off this box (a title, a scale bar)."""
        self.boxes = np.vstack([self.boxes, np.array(box, dtype=float)])

    def place(self, boxes: Sequence[Box]) -> int:
        """The index of the first free box, else of the least covered (the first of those);
        that box becomes an obstacle."""
        best, fewest = 0, -1
        for n, box in enumerate(boxes):
            count = self.hits(box)
            if count == 0:
                best = n
                break
            if fewest < 0 or count < fewest:
                best, fewest = n, count
        self.block(boxes[best])
        return best


def _samples(lines: Sequence[tuple[Point, Point]]) -> Any:
    """Points every LINE_STEP along each line, ends included."""
    chunks = [np.empty((0, 2))]
    for (ax, ay), (bx, by) in lines:
        count = max(2, int(np.hypot(bx - ax, by - ay) / LINE_STEP) + 1)
        t = np.linspace(0.0, 1.0, count)[:, None]
        chunks.append(np.hstack([ax + t * (bx - ax), ay + t * (by - ay)]))
    return np.vstack(chunks)
