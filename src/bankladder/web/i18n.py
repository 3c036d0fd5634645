"""Message catalogues (Babel) and which language a request is shown in.

The catalogues are the ``.po`` files under ``locale/``, read and compiled in memory when the
app is built: a clean checkout needs no compile step and no ``.mo`` file can fall out of date.
Simplified Chinese is the default.
"""

from __future__ import annotations

import io
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bankladder.store.vocabulary import UserLocale

DEFAULT = UserLocale.ZH_CN
CATALOGUE_DIRS = {UserLocale.ZH_CN: "zh_CN", UserLocale.EN: "en"}


def load_translations() -> dict[UserLocale, Translations]:
    return {locale: _compiled(folder) for locale, folder in CATALOGUE_DIRS.items()}


def _compiled(folder: str) -> Translations:
    po = resources.files("bankladder.web") / "locale" / folder / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as source:
        catalog = read_po(source, locale=folder)
    mo = io.BytesIO()
    write_mo(mo, catalog)  # fuzzy entries are left out
    mo.seek(0)
    return Translations(mo)


def chosen_locale(asked: str | None) -> UserLocale | None:
    """The locale named by ``?lang=`` or a cookie, if it names one we have."""
    for locale in UserLocale:
        if asked is not None and asked.lower() in (locale.value.lower(), locale.name.lower()):
            return locale
    return None


def negotiated_locale(accept_language: str | None) -> UserLocale:
    """The first language of an ``Accept-Language`` header we speak, by quality; else Chinese."""
    for tag in _by_quality(accept_language or ""):
        primary = tag.split("-")[0].lower()
        if primary == "zh":
            return UserLocale.ZH_CN
        if primary == "en":
            return UserLocale.EN
    return DEFAULT


def _by_quality(header: str) -> list[str]:
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]
