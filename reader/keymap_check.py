"""Checking the config file's `[keymap]` against the reader's bindings, before it is applied.

An unknown binding id, a key name no terminal sends, or a key that ends up doing two things in
one place would otherwise be ignored without a word: each gets one line naming the file and the
line it is on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.keys import Keys

_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAMES = {key.value for key in Keys}
# Characters a keyboard types (Latin, Greek, Cyrillic…): not emoji that share a word's name.
_KEYBOARD_CHARACTERS_END = 0x2000


def declared(bindings: Iterable[BindingType]) -> list[Binding]:
    """The `Binding`s of a BINDINGS list: the reader declares every key as one, with an id (a
    tuple, Textual's shorthand, has none to remap)."""
    return [binding for binding in bindings if isinstance(binding, Binding)]


def keymap_problems(
    keymap: Mapping[str, str],
    scopes: Mapping[str, Iterable[BindingType]],
    config_file: Path,
) -> list[str]:
    """One sentence per problem of `keymap`, given the bindings of each place where keys are
    read together (`scopes`: the screen with the app's keys, each widget on its own)."""
    try:
        config_text = config_file.read_text(encoding="utf-8")
    except OSError:
        config_text = ""
    bindings_of = {scope: declared(bindings) for scope, bindings in scopes.items()}
    known = {binding.id for bindings in bindings_of.values() for binding in bindings if binding.id}
    problems = []
    for binding_id, keys in keymap.items():
        where = _where(config_file, config_text, binding_id)
        if binding_id not in known:
            problems.append(f"{where}: no key has the id {binding_id!r}; see `?` for the ids.")
            continue
        for key in (key.strip() for key in keys.split(",")):
            if not is_key_name(key):
                problems.append(f"{where}: {key!r} is not a key name (e.g. ctrl+o, f2, x).")
    for scope, bindings in bindings_of.items():
        actions_of_key: dict[str, set[str]] = {}
        for binding in bindings:
            keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
            for key in (key.strip() for key in keys.split(",")):
                actions_of_key.setdefault(key, set()).add(binding.id or binding.action)
        for key, ids in sorted(actions_of_key.items()):
            remapped = sorted(binding_id for binding_id in ids if binding_id in keymap)
            if len(ids) > 1 and remapped:
                where = _where(config_file, config_text, remapped[0])
                problems.append(
                    f"{where}: {key!r} is bound to {' and '.join(sorted(ids))} in the {scope}; "
                    "only one of them works."
                )
    return problems


def is_key_name(key: str) -> bool:
    """Whether `key` names a key as Textual reads it: `x`, `ctrl+o`, `f2`, `question_mark`."""
    *modifiers, name = key.split("+")
    if not name or any(modifier not in _MODIFIERS for modifier in modifiers):
        return False
    if len(name) == 1 or name in _KEY_NAMES:
        return True
    try:  # characters by their Unicode names, as Textual names them: left_square_bracket
        character = unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return False
    return character.isprintable() and ord(character) < _KEYBOARD_CHARACTERS_END


def _where(config_file: Path, config_text: str, binding_id: str) -> str:
    """`FILE, line N` for the line that sets `binding_id` (or just the file)."""
    pattern = re.compile(rf'^\s*"?{re.escape(binding_id)}"?\s*=', re.MULTILINE)
    found = pattern.search(config_text)
    if found is None:
        return str(config_file)
    return f"{config_file}, line {config_text.count(chr(10), 0, found.start()) + 1}"
