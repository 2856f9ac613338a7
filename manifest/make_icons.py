"""Draw the app's two Teams icons (run by hand; the PNGs are committed).

    python -m manifest.make_icons

Teams wants:

- ``color.png``: 192x192, full colour. The glyph sits inside the central 120x120 "safe" region;
  the background fills the square (Teams rounds the corners itself).
- ``outline.png``: 32x32, white glyph on a fully transparent background, nothing else
  (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).

The glyph is a video camera: a rounded body with a lens triangle, and a small "play" notch on the
body so it reads as *video* even at 32 px. Everything is drawn at 8x and scaled down, for clean edges.
The outline icon is built from an alpha mask only, so every pixel's colour is exactly white.

Pillow is needed only to regenerate the icons (it is a test extra), never to build the package.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parent / "icons"

#: Sykehuset i Vestfold-like deep teal blue, also the manifest's accentColor.
BACKGROUND = (0, 94, 128)
BACKGROUND_LIGHT = (0, 133, 164)
GLYPH = (255, 255, 255)
SCALE = 8


def _camera_mask(size: int, box: tuple[float, float, float, float], with_notch: bool) -> Image.Image:
    """An 'L' mask (255 = glyph) of the camera inside ``box`` (fractions of ``size``), at SCALE x."""
    big = size * SCALE
    mask = Image.new("L", (big, big), 0)
    d = ImageDraw.Draw(mask)
    x0, y0, x1, y1 = (v * big for v in box)
    w, h = x1 - x0, y1 - y0
    # Body: about 64 % of the width, a rounded rectangle.
    body_right = x0 + w * 0.64
    d.rounded_rectangle((x0, y0, body_right, y1), radius=h * 0.22, fill=255)
    # Lens: a trapezoid/triangle opening to the right, slightly apart from the body.
    gap = w * 0.05
    lx0 = body_right + gap
    d.polygon(
        [(lx0, y0 + h * 0.36), (x1, y0 + h * 0.06), (x1, y1 - h * 0.06), (lx0, y1 - h * 0.36)],
        fill=255,
    )
    if with_notch:
        # A "play" triangle cut out of the body: the video mark.
        cx = x0 + (body_right - x0) * 0.5
        cy = y0 + h * 0.5
        r = h * 0.22
        d.polygon([(cx - r * 0.7, cy - r), (cx - r * 0.7, cy + r), (cx + r * 0.95, cy)], fill=0)
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def color_icon() -> Image.Image:
    size = 192
    big = size * SCALE
    # Background: a soft diagonal two-tone split, so the tile is not a flat block of colour.
    bg = Image.new("RGBA", (big, big), BACKGROUND + (255,))
    d = ImageDraw.Draw(bg)
    d.polygon([(0, big), (big, big * 0.35), (big, big)], fill=BACKGROUND_LIGHT + (255,))
    bg = bg.resize((size, size), Image.Resampling.LANCZOS)
    # Glyph within the 120x120 safe area (36 px margins), vertically centred.
    mask = _camera_mask(size, (40 / 192, 62 / 192, 152 / 192, 130 / 192), with_notch=True)
    glyph = Image.new("RGBA", (size, size), GLYPH + (255,))
    bg.paste(glyph, (0, 0), mask)
    return bg


def outline_icon() -> Image.Image:
    size = 32
    mask = _camera_mask(size, (2 / 32, 8 / 32, 30 / 32, 24 / 32), with_notch=True)
    icon = Image.new("RGBA", (size, size), GLYPH + (0,))
    icon.putalpha(mask)
    return icon


def main() -> None:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    color_icon().save(ICON_DIR / "color.png", optimize=True)
    outline_icon().save(ICON_DIR / "outline.png", optimize=True)
    print(f"wrote {ICON_DIR / 'color.png'} and {ICON_DIR / 'outline.png'}")


if __name__ == "__main__":
    main()
