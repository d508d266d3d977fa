"""Holding a core call in its thread, to see what the reader does while it runs."""

from __future__ import annotations

import threading

import pytest

# Long enough for any call on the fixture index: a held call goes on after this anyway, so a
# test that got something wrong fails instead of hanging.
HOLD_SECONDS = 10


class HeldCall:
    """Makes every call of `owner.method`, once entered, wait until `released` is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: type, method: str) -> None:
        self.entered = threading.Event()
        self.released = threading.Event()
        original = getattr(owner, method)

        def held(instance: object, *args: object, **options: object) -> object:
            self.entered.set()
            self.released.wait(HOLD_SECONDS)
            return original(instance, *args, **options)

        monkeypatch.setattr(owner, method, held)
