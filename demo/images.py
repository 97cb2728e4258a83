"""Deterministic placeholder pictures drawn with Pillow (no downloads)."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model


def _palette(seed: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    digest = hashlib.sha256(seed.encode()).digest()
    start = (60 + digest[0] % 120, 60 + digest[1] % 120, 80 + digest[2] % 120)
    end = (200 + digest[3] % 55, 170 + digest[4] % 80, 120 + digest[5] % 100)
    return start, end


def draw_picture(seed: str, size: tuple[int, int]) -> bytes:
    width, height = size
    start, end = _palette(seed)
    picture = Image.new("RGB", size, start)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / max(height - 1, 1)
        colour = tuple(
            round(a + (b - a) * mix) for a, b in zip(start, end, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    # A mountain ridge and a sun, so each picture is recognisably different.
    digest = hashlib.sha256(seed.encode()).digest()
    ridge = [(0, height)]
    for step in range(9):
        x = width * step / 8
        ridge.append((x, height * (0.45 + (digest[6 + step] % 40) / 100)))
    ridge.append((width, height))
    draw.polygon(ridge, fill=(40, 52, 72))
    radius = height // 10
    sun_x = width * (0.15 + (digest[20] % 70) / 100)
    draw.ellipse(
        [sun_x - radius, height * 0.2 - radius, sun_x + radius, height * 0.2 + radius],
        fill=(250, 236, 200),
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def demo_image(title: str, *, alt: str = "", credit: str = "", size=(1200, 675)):
    """The image called `title`, drawn and stored the first time it is asked for."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    data = draw_picture(title, size)
    image = image_model(title=title, description=alt, credit=credit)
    image.file = ImageFile(io.BytesIO(data), name=f"{title}.jpg")
    image.save()
    return image
