"""Errors that reach the user as a translated message, never as a traceback."""

from __future__ import annotations


class UserFacingError(Exception):
    """Something the user did or the world refused; ``key`` names an i18n string.

    Pages catch it and show ``t(err.key, lang, **err.params)``.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"{key} {params}" if params else key)
        self.key = key
        self.params = params
