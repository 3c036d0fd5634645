"""Which language a page is shown in: Simplified Chinese unless the browser or user says so."""

from __future__ import annotations

import pytest

from bankladder.store.vocabulary import UserLocale
from bankladder.web.i18n import chosen_locale, negotiated_locale

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, UserLocale.ZH_CN),
        ("", UserLocale.ZH_CN),
        ("fr-FR,de;q=0.8", UserLocale.ZH_CN),
        ("en-US,en;q=0.9", UserLocale.EN),
        ("zh-TW,zh;q=0.9,en;q=0.8", UserLocale.ZH_CN),
        ("fr;q=1.0, en;q=0.5, zh;q=0.7", UserLocale.ZH_CN),
        ("zh;q=0, en", UserLocale.EN),
        ("en;q=nonsense, zh-CN;q=0.1", UserLocale.ZH_CN),
    ],
)
def test_the_browsers_first_language_we_speak_wins(
    header: str | None, expected: UserLocale
) -> None:
    assert negotiated_locale(header) is expected


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("en", UserLocale.EN),
        ("zh-CN", UserLocale.ZH_CN),
        ("zh-cn", UserLocale.ZH_CN),
        ("xx", None),
        (None, None),
    ],
)
def test_a_language_switch_names_one_of_ours_or_nothing(
    asked: str | None, expected: UserLocale | None
) -> None:
    assert chosen_locale(asked) is expected
