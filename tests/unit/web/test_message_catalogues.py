"""Every text of a page has its Simplified Chinese translation, and the catalogue template
holds exactly the texts the templates use (run pybabel as src/bankladder/web/babel.cfg says)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

pytestmark = pytest.mark.unit

WEB = Path(__file__).resolve().parents[3] / "src" / "bankladder" / "web"
METHODS = [("**/templates/**.html", "jinja2")]


def _catalogue(path: Path) -> dict[str, str]:
    with path.open("rb") as source:
        return {m.id: m.string for m in read_po(source) if m.id and not m.fuzzy}


def template_texts() -> set[str]:
    return {message for _, _, message, *_ in extract_from_dir(str(WEB), METHODS)}


def test_the_catalogue_template_holds_the_texts_of_the_templates() -> None:
    assert set(_catalogue(WEB / "locale" / "messages.pot")) == template_texts()


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_text_of_the_templates_is_in_each_catalogue(locale: str) -> None:
    catalogue = _catalogue(WEB / "locale" / locale / "LC_MESSAGES" / "messages.po")
    assert template_texts() - set(catalogue) == set()


def test_every_text_has_a_simplified_chinese_translation() -> None:
    catalogue = _catalogue(WEB / "locale" / "zh_CN" / "LC_MESSAGES" / "messages.po")
    assert [text for text in template_texts() if not catalogue.get(text)] == []
