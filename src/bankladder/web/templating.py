"""Jinja2 pages: autoescaped, translated, and never given user text marked safe."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from babel.support import Translations
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

from bankladder.store.vocabulary import UserLocale
from bankladder.web.i18n import load_translations


@dataclass(frozen=True)
class Pages:
    environment: Environment
    translations: dict[UserLocale, Translations]
    version: str  # appended to static URLs, so an upgrade is never served a stale stylesheet

    def render(
        self, name: str, locale: UserLocale, status: int = 200, **context: Any
    ) -> HTMLResponse:
        translations = self.translations[locale]
        html = self.environment.get_template(name).render(
            _=translations.gettext,
            locale=locale.value,
            version=self.version,
            **context,
        )
        return HTMLResponse(html, status_code=status)


def load_pages() -> Pages:
    environment = Environment(
        loader=PackageLoader("bankladder.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Pages(environment, load_translations(), version("bankladder"))
