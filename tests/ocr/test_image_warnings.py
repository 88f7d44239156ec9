"""Pillow's own size warning never reaches the user: chohyo checks an image's pixels against its own,
named limit (max_page_pixels) and says so in its own words (issue 19)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from chohyo.errors import ResourceLimitError
from chohyo.extract.ocr.images import image_file_pages
from chohyo.settings import ExtractSettings
from PIL import Image


def _png(path: Path, size: tuple[int, int]) -> Path:
    Image.new("L", size, 255).save(path, dpi=(200, 200))
    return path


def test_no_raw_pillow_warning_under_our_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5000)  # Pillow warns above this, fails above twice it
    png = _png(tmp_path / "page.png", (80, 80))  # 6,400 pixels: Pillow would warn
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        pages = list(image_file_pages(png, ExtractSettings()))
    assert len(pages) == 1 and pages[0].gray.shape == (80, 80)


def test_our_limit_is_named(tmp_path: Path) -> None:
    png = _png(tmp_path / "big.png", (200, 200))
    with pytest.raises(ResourceLimitError, match="max_page_pixels"):
        list(image_file_pages(png, ExtractSettings(max_page_pixels=10_000)))
