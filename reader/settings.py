"""Where the reader keeps its files, and the user's settings (a TOML file under the config dir).

`Locations` is the one place that knows the platform folders; tests point it at temporary
folders (or set XDG_CONFIG_HOME / XDG_DATA_HOME / XDG_CACHE_HOME, which platformdirs honours).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from articles.entities import EXTRACTOR_NAMES
from index.api import engine_names, is_engine
from reader.explore.around import AROUND_DAYS

# The library's file in the data folder (`reader.library`, which the reader and the command line
# open; named here so that knowing where it is does not import it).
LIBRARY_FILE_NAME = "library.sqlite"
# The user's own archive in the data folder, where fetched feeds write their stories.
ARCHIVE_FOLDER_NAME = "archive"

APP_NAME = "newsreader"
DEFAULT_THEME = "textual-dark"
CONFIG_FILE_NAME = "config.toml"


@dataclass(frozen=True, slots=True)
class Locations:
    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @classmethod
    def from_platform(cls) -> Locations:
        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME),
            data_dir=platformdirs.user_data_path(APP_NAME),
            cache_dir=platformdirs.user_cache_path(APP_NAME),
        )

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_FILE_NAME

    @property
    def library_file(self) -> Path:
        """The user's library: marks, notes and saved searches (`reader.library`)."""
        return self.data_dir / LIBRARY_FILE_NAME

    @property
    def archive_dir(self) -> Path:
        """The user's own archive, unless the config file's `archive` names another folder."""
        return self.data_dir / ARCHIVE_FOLDER_NAME

    def with_data_dir(self, data_dir: Path) -> Locations:
        """These locations with the user's data (library, places) in `data_dir`."""
        return replace(self, data_dir=data_dir.expanduser())


@dataclass(frozen=True, slots=True)
class Settings:
    """What a user can set. `keymap` maps binding ids to keys, as `App.set_keymap` takes them."""

    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    # How many hits the result list fetches at a time; more are loaded as the cursor nears the
    # end. A few screens' worth: every hit fetched is laid out when the list is replaced.
    results_page_size: int = 30
    # The entity extractor to index with ("default" or "spacy"); None keeps what an index has.
    extractor: str | None = None
    # The search engine to open the index with (`index.api.engine_names`); None: the default.
    engine: str | None = None
    # The server of an engine that has one (opensearch), and who to be there: the password is
    # better in the environment (`NEWSREADER_OPENSEARCH_PASSWORD`), which comes first.
    engine_url: str | None = None
    engine_user: str | None = None
    engine_password: str | None = None
    # Where the user's data lives (library, places), as written (`~` allowed); None: the
    # platform's user data folder.
    data_dir: Path | None = None
    # The user's own archive (fetched feeds write into it), as written; None: the data folder's.
    archive: Path | None = None
    # How often the open reader fetches the feeds followed, as written ("30m", "2h"); None: only
    # when asked.
    fetch_every: str | None = None
    # "Around this story" lists the stories within this many days of it, before and after.
    around_days: int = AROUND_DAYS

    @property
    def fetch_every_seconds(self) -> float | None:
        return duration_seconds(self.fetch_every) if self.fetch_every else None

    def with_theme(self, theme: str) -> Settings:
        return replace(self, theme=theme)


class SettingsError(ValueError):
    """The config file exists but can't be used; `str(error)` says why and where."""


def load_settings(path: Path) -> Settings:
    """Read the config file; a missing file gives the defaults. Raises SettingsError."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        raise SettingsError(f"can't read {path}: {error.strerror or error}") from error
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path} is not valid TOML: {error}") from error
    defaults = Settings()
    theme = data.get("theme", defaults.theme)
    keymap = _flatten(data.get("keymap", {}))
    page_size = data.get("results_page_size", defaults.results_page_size)
    extractor = data.get("extractor", defaults.extractor)
    engine = data.get("engine", defaults.engine)
    engine_server = {key: data.get(key) for key in ("engine_url", "engine_user", "engine_password")}
    data_dir = data.get("data_dir")
    archive = data.get("archive")
    fetch_every = data.get("fetch_every")
    around_days = data.get("around_days", defaults.around_days)
    if not isinstance(theme, str) or not theme:
        raise SettingsError(f"{path}: `theme` must be a theme name")
    if not isinstance(keymap, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in keymap.items()
    ):
        raise SettingsError(f'{path}: [keymap] must map binding ids to keys, like quit = "x"')
    if not isinstance(page_size, int) or not 10 <= page_size <= 1000:
        raise SettingsError(f"{path}: `results_page_size` must be a whole number from 10 to 1000")
    if extractor is not None and extractor not in EXTRACTOR_NAMES:
        raise SettingsError(f"{path}: `extractor` must be one of {', '.join(EXTRACTOR_NAMES)}")
    if engine is not None and not is_engine(engine):
        raise SettingsError(f"{path}: `engine` must be one of {', '.join(engine_names())}")
    for key, value in engine_server.items():
        if value is not None and (not isinstance(value, str) or not value):
            raise SettingsError(f"{path}: `{key}` must be text")
    if engine_server["engine_url"] and not engine_server["engine_url"].startswith(
        ("http://", "https://")
    ):
        raise SettingsError(f'{path}: `engine_url` must be an address like "http://localhost:9200"')
    for key, folder, example in (
        ("data_dir", data_dir, "~/newsreader"),
        ("archive", archive, "~/news"),
    ):
        if folder is not None and (
            not isinstance(folder, str) or not folder or not Path(folder).expanduser().is_absolute()
        ):
            raise SettingsError(f'{path}: `{key}` must be a folder\'s full path, like "{example}"')
    if fetch_every is not None and (
        not isinstance(fetch_every, str) or duration_seconds(fetch_every) is None
    ):
        raise SettingsError(
            f'{path}: `fetch_every` must be a time of at least a minute, like "30m" or "2h"'
        )
    if (
        isinstance(around_days, bool)
        or not isinstance(around_days, int)
        or not 1 <= around_days <= 365
    ):
        raise SettingsError(f"{path}: `around_days` must be a whole number of days from 1 to 365")
    return Settings(
        theme=theme,
        keymap=dict(keymap),
        results_page_size=page_size,
        extractor=extractor,
        engine=engine,
        **engine_server,
        data_dir=Path(data_dir) if data_dir is not None else None,
        archive=Path(archive) if archive is not None else None,
        fetch_every=fetch_every,
        around_days=around_days,
    )


_DURATION = re.compile(r"\s*(\d+)\s*([mhd])\s*")
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400}


def duration_seconds(text: str) -> float | None:
    """The seconds of "30m", "2h" or "1d" (a minute at least); None for anything else."""
    match = _DURATION.fullmatch(text)
    if match is None or int(match[1]) < 1:
        return None
    return float(int(match[1]) * _UNIT_SECONDS[match[2]])


def user_archive(locations: Locations, settings: Settings) -> Path:
    """The user's own archive, where fetched feeds go: the config file's `archive`, else a
    folder in the data folder."""
    return settings.archive.expanduser() if settings.archive else locations.archive_dir


def configured_settings(warn: Callable[[str], None]) -> Settings:
    """The config file's settings, for the shell commands; a file that can't be used gives the
    defaults, and a sentence saying why to `warn`."""
    try:
        return load_settings(Locations.from_platform().config_file)
    except SettingsError as error:
        warn(f"settings not loaded: {error}")
        return Settings()


def _flatten(table: object, prefix: str = "") -> object:
    """`a.b = "x"` in TOML is a nested table; binding ids with dots mean the dotted name."""
    if not isinstance(table, dict):
        return table
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            nested = _flatten(value, f"{name}.")
            assert isinstance(nested, dict)
            flat.update(nested)
        else:
            flat[name] = value
    return flat


def save_settings(settings: Settings, path: Path) -> None:
    """Write the config file atomically (a crash never leaves half a file)."""
    lines = [
        "# newsreader settings. Keys: https://textual.textualize.io/guide/input/#keys",
        f"theme = {_toml_string(settings.theme)}",
        f"results_page_size = {settings.results_page_size}",
        *([f"extractor = {_toml_string(settings.extractor)}"] if settings.extractor else []),
        *([f"engine = {_toml_string(settings.engine)}"] if settings.engine else []),
        *(
            f"{key} = {_toml_string(value)}"
            for key, value in (
                ("engine_url", settings.engine_url),
                ("engine_user", settings.engine_user),
                ("engine_password", settings.engine_password),
            )
            if value
        ),
        *([f"data_dir = {_toml_string(str(settings.data_dir))}"] if settings.data_dir else []),
        *([f"archive = {_toml_string(str(settings.archive))}"] if settings.archive else []),
        *([f"fetch_every = {_toml_string(settings.fetch_every)}"] if settings.fetch_every else []),
        "",
        "[keymap]",
        *(
            f"{_toml_key(binding_id)} = {_toml_string(keys)}"
            for binding_id, keys in sorted(settings.keymap.items())
        ),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)


def _toml_string(value: str) -> str:
    # A JSON string literal is a valid TOML basic string (same escapes, \uXXXX included).
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else _toml_string(key)
