"""Draw the rich menu's picture (bot/channels/line/static/richmenu.png) from its layout in data/line_richmenu.yml.

Usage: ``bot/tools/scripts/draw_richmenu.sh`` (installs Debian's fonts-noto-cjk first), or, with the font there::

    python -m bot.tools.richmenu_image [--font /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc] [--out FILE]

One tile per area on the layout's grid, the labels in Noto Sans CJK JP Bold, in the largest size that fits them all.
The PNG is palette based, well under LINE's 1 MB limit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.tools.line_richmenu import IMAGE_FILE, Layout, load_layout

FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FONT_FAMILY = "Noto Sans CJK JP"
MAX_BYTES = 1_000_000
BACKGROUND = (255, 255, 255)
TILES = [(0, 94, 162), (0, 122, 110), (176, 84, 0), (120, 74, 160)]  # white text on each is above 4.5:1
GAP, RADIUS, MAX_FONT, MIN_FONT = 14, 36, 150, 40


class FontMissing(FileNotFoundError):
    """The Japanese font is not installed (bot/tools/scripts/draw_richmenu.sh installs it)."""


def japanese_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """The Japanese face of the .ttc collection ``path`` at ``size`` pixels."""
    if not path.is_file():
        raise FontMissing(f"no font at {path}: run bot/tools/scripts/draw_richmenu.sh (installs fonts-noto-cjk)")
    for index in range(16):
        try:
            font = ImageFont.truetype(str(path), size, index=index)
        except OSError:
            break
        if font.getname()[0] == FONT_FAMILY:
            return font
    raise FontMissing(f"{path} holds no {FONT_FAMILY} face")


def fitted(path: Path, lines: Sequence[str], width: int, height: int) -> ImageFont.FreeTypeFont:
    """The largest font size (MIN_FONT to MAX_FONT) at which ``lines`` fit in ``width`` x ``height``."""
    for size in range(MAX_FONT, MIN_FONT - 1, -6):
        font = japanese_font(path, size)
        widest = max(font.getlength(line) for line in lines)
        if widest <= width and size * 1.3 * len(lines) <= height:
            return font
    return japanese_font(path, MIN_FONT)


def _tile(layout: Layout, index: int) -> tuple[int, int, int, int]:
    b = layout.bounds(index)
    return b["x"] + GAP, b["y"] + GAP, b["x"] + b["width"] - GAP, b["y"] + b["height"] - GAP


def draw(layout: Layout, font_path: Path = FONT_FILE) -> Image.Image:
    """The picture: one rounded tile per area, every label in one font size (the largest that fits them all)."""
    image = Image.new("RGB", (layout.width, layout.height), BACKGROUND)
    pen = ImageDraw.Draw(image)
    tiles = [_tile(layout, i) for i in range(len(layout.areas))]
    inner = [(t[2] - t[0] - 2 * RADIUS, t[3] - t[1] - 2 * RADIUS) for t in tiles]
    font = min(
        (fitted(font_path, area.picture, w, h) for area, (w, h) in zip(layout.areas, inner, strict=True)),
        key=lambda f: f.size,
    )
    for index, (area, box) in enumerate(zip(layout.areas, tiles, strict=True)):
        pen.rounded_rectangle(box, RADIUS, fill=TILES[index % len(TILES)])
        pen.multiline_text(
            ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2),
            "\n".join(area.picture),
            font=font,
            fill=(255, 255, 255),
            anchor="mm",
            align="center",
            spacing=int(font.size * 0.3),
        )
    return image


def save(image: Image.Image, out: Path) -> int:
    """Write ``image`` as a palette PNG; its size in bytes (refused over LINE's 1 MB)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, format="PNG", optimize=True)
    size = out.stat().st_size
    if size >= MAX_BYTES:
        raise ValueError(f"{out} is {size} bytes: LINE takes less than 1 MB")
    return size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.richmenu_image", description=__doc__.split("\n")[0])
    parser.add_argument("--font", type=Path, default=FONT_FILE)
    parser.add_argument("--out", type=Path, default=IMAGE_FILE)
    args = parser.parse_args(argv)
    layout = load_layout()
    try:
        size = save(draw(layout, args.font), args.out)
    except FontMissing as exc:
        print(f"richmenu_image: {exc}", file=sys.stderr)
        return 2
    print(f"drew {args.out} ({layout.width}x{layout.height}, {len(layout.areas)} areas, {size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
