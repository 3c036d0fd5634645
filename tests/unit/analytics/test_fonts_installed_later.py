"""A CJK font installed after matplotlib cached its font list is found anyway: charts and the
monthly PDF must not fall back to a Latin font because of when the font was installed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from matplotlib import font_manager

from bankladder.analytics import charts, monthly

pytestmark = pytest.mark.unit


@pytest.fixture
def stale_font_list() -> Iterator[str]:
    """matplotlib's font list as a cache written before the CJK font was installed."""
    manager = font_manager.fontManager
    found = monthly.cjk_font()
    if found is None:
        pytest.skip("no CJK font on this machine (CI installs fonts-noto-cjk)")
    kept = list(manager.ttflist)
    files = {entry.fname for entry in kept if entry.name == found}  # its .ttc files, every face
    manager.ttflist = [entry for entry in kept if entry.fname not in files]
    charts.fonts_installed_since_the_cache.cache_clear()
    try:
        yield found
    finally:
        manager.ttflist = kept
        charts.fonts_installed_since_the_cache.cache_clear()


def test_a_font_missing_from_the_cached_list_is_added_from_the_system(stale_font_list: str) -> None:
    assert stale_font_list not in {e.name for e in font_manager.fontManager.ttflist}
    assert monthly.cjk_font() == stale_font_list
    assert charts.fonts_installed_since_the_cache() > 0
