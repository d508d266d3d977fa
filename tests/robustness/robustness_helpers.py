"""Helpers for the robustness tests: the real `newsreader` command, isolated user folders, an
archive of every kind of bad input, and a way to run a command as an unprivileged user.

Waits poll with a generous deadline, never sleep for a fixed time, so they pass on a slow machine.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

NEWSREADER = Path(sys.executable).parent / "newsreader"
DEADLINE_SECONDS = 180.0
TRACEBACK = b"Traceback (most recent call last)"

# The escape sequences a hostile article may carry; MARKER names the payload so a test can look
# for it in what reached the terminal.
MARKER = "PWNED"
OSC_TITLE = f"\x1b]0;{MARKER}-title\x07"
OSC_CLIPBOARD = "\x1b]52;c;UFdORUQtY2xpcA==\x07"  # base64 of "PWNED-clip"
OSC_CLIPBOARD_PAYLOAD = "UFdORUQtY2xpcA=="
CLEAR_SCREEN = "\x1b[2J"
DCS = f"\x1bP{MARKER}-dcs\x1b\\"
C1_OSC = f"\x9d0;{MARKER}-c1\x07"
HOSTILE_TITLE = f"[bold red]ALERT[/] {OSC_TITLE}markup headline{CLEAR_SCREEN}"
HOSTILE_BODY = (
    f"The body shows [link=file:///etc/passwd]x[/link] and [bold red]ALERT[/] literally.\n"
    f"It hides a clipboard write {OSC_CLIPBOARD} and a title {OSC_TITLE} and clears the "
    f"screen {CLEAR_SCREEN} with a device string {DCS} and a C1 one {C1_OSC} about quokkas.\n"
)
HOSTILE_AUTHOR = f"[italic]Eve[/] {OSC_TITLE}Mallory"

# Byte sequences that must never reach a terminal from article text.
FORBIDDEN_OUTPUT = (
    b"\x1b]52",
    b"\x1b]0;" + MARKER.encode(),
    MARKER.encode() + b"-title",
    OSC_CLIPBOARD_PAYLOAD.encode(),
    b"\x1bP" + MARKER.encode(),
    MARKER.encode() + b"-dcs",
    MARKER.encode() + b"-c1",
    "\x9d".encode(),  # a C1 string introducer, as UTF-8
)


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a subprocess whose user folders are all under `home`."""
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        PYTHONWARNINGS="ignore",
    )
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


def run_newsreader(
    args: Sequence[str | os.PathLike[str]],
    env: dict[str, str],
    *,
    timeout: float = DEADLINE_SECONDS,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    """Run the real console script; output is kept as bytes so nothing is hidden by decoding."""
    return subprocess.run(
        [str(NEWSREADER), *map(str, args)],
        env=env,
        capture_output=True,
        timeout=timeout,
        check=False,
        preexec_fn=permissions_enforced() if unprivileged else None,
    )


def json_of(result: subprocess.CompletedProcess[bytes]) -> dict:
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert TRACEBACK not in result.stderr
    return json.loads(result.stdout)


# Linux capabilities that let root ignore file permissions, and prctl's PR_CAPBSET_DROP.
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2
_PR_CAPBSET_DROP = 24


def _drop_permission_override() -> None:
    """In the child before exec: give up root's power to ignore file permissions.

    Dropped from the bounding set, the capabilities are gone after exec, while the user stays
    the same (so the Python under a private home folder still runs).
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@functools.cache
def permission_override_reason() -> str | None:
    """Why a child process can't be made to obey file permissions here, or None when it can."""
    if os.geteuid() != 0:
        return None
    if not sys.platform.startswith("linux"):
        return "running as root, and dropping capabilities needs Linux"
    with tempfile.TemporaryDirectory() as folder:
        unreadable = Path(folder, "unreadable")
        unreadable.write_bytes(b"secret")
        unreadable.chmod(0)
        try:
            probe = subprocess.run(
                [sys.executable, "-c", f"open({str(unreadable)!r}).read()"],
                preexec_fn=_drop_permission_override,
                capture_output=True,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return "running as root, and capabilities can't be dropped"
    if probe.returncode == 0:
        return "running as root, and root's override of file permissions can't be dropped"
    return None


def permissions_enforced() -> Callable[[], None] | None:
    """A `preexec_fn` under which file permissions apply (None when they already do).

    Skips the test when running as root and the capabilities can't be dropped.
    """
    reason = permission_override_reason()
    if reason is not None:
        pytest.skip(reason)
    return _drop_permission_override if os.geteuid() == 0 else None


@dataclass
class Expected:
    """What one file of the bad archive should give: articles (by id) or a skip."""

    article_ids: tuple[str, ...] = ()
    skipped: bool = False
    warned: bool = False


LONG_LINE_WORD = "zephyrine"
HUGE_WORD = "megalodonic"
HUGE_ARTICLE_BYTES = 20 * 1024 * 1024


def huge_body(size: int = HUGE_ARTICLE_BYTES) -> str:
    """About `size` bytes of paragraphs, each naming HUGE_WORD once."""
    paragraph = (
        f"The {HUGE_WORD} council met again and talked about the harbour budget at length; "
        "nobody wanted to go home before the vote, which was put off to the next week.\n"
    )
    return paragraph * (size // len(paragraph))


def write_bad_archive(root: Path, *, huge: bool = True) -> dict[str, Expected]:
    """Every kind of bad input the issue lists, in one archive. Returns what each should give.

    Without `huge`, the 20 MB story is left out (it takes seconds to index)."""
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expected] = {}

    def put(name: str, data: bytes, outcome: Expected) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = outcome

    put(
        "good.txt",
        b" date 2024-05-01 Ordinary story\nAn ordinary story about otters.\n",
        Expected(("good.txt",)),
    )
    put("empty.txt", b"", Expected(skipped=True))
    put("blank.txt", b"  \n\n \r\n", Expected(skipped=True))
    put("binary.txt", bytes(range(256)) * 64, Expected(skipped=True))
    put(
        "cp1252.txt",
        (
            " date 2024-03-01 Café owners protest\n"
            "The café owners of Lyon said “enough” to rents.\n"
        ).encode("cp1252"),
        Expected(("cp1252.txt",), warned=True),
    )
    put(
        "bom-crlf.txt",
        b"\xef\xbb\xbf date 2024-03-02 Ferry service resumes\r\n"
        b"The ferry resumed.\r\nPassengers cheered.\r\n",
        Expected(("bom-crlf.txt",)),
    )
    put(
        "no-header.txt",
        b"Harbour cranes idle again\nThe cranes stood idle.\n",
        Expected(("no-header.txt",), warned=True),
    )
    put(
        "impossible-date.txt",
        b" date 2024-02-30 A leap day that never was\nA story with an impossible date.\n",
        Expected(("impossible-date.txt",), warned=True),
    )
    put(
        "malformed-header.txt",
        b" date 20X4-1-1 Malformed header\nThe body of the malformed story.\n",
        Expected(("malformed-header.txt",), warned=True),
    )
    put(
        "long-line.txt",
        (
            " date 2024-04-01 One very long line\n" + f"{LONG_LINE_WORD} lorem ipsum " * 100_000
        ).encode(),
        Expected(("long-line.txt",)),
    )
    if huge:
        put(
            "huge.txt",
            (" date 2024-04-02 A twenty megabyte story\n" + huge_body()).encode(),
            Expected(("huge.txt",)),
        )
    put(
        "nul.txt",
        b" date 2024-04-03 Nul bytes inside\nThe nul\x00 story has a stray NUL about walruses.\n",
        Expected(("nul.txt",)),
    )
    put(
        "with spaces/Ünïcødé story ä.txt",
        b" date 2024-04-04 Spaced and accented name\nA story about narwhals.\n",
        Expected(("with spaces/Ünïcødé story ä.txt",)),
    )
    (root / "folder.txt").mkdir()
    (root / "folder.txt" / "inside.txt").write_bytes(
        b" date 2024-04-06 Inside a folder\nBeavers.\n"
    )
    expected["folder.txt"] = Expected(skipped=True)
    expected["folder.txt/inside.txt"] = Expected(("folder.txt/inside.txt",))
    (root / "loop.txt").symlink_to("loop.txt")
    expected["loop.txt"] = Expected(skipped=True)
    (root / "subdir").mkdir()
    (root / "subdir" / "up").symlink_to("..")  # a folder loop: must not be walked forever
    expected["subdir/up"] = Expected(skipped=True)
    (root / "dangling.txt").symlink_to("does-not-exist.txt")
    expected["dangling.txt"] = Expected(skipped=True)
    put(
        "unreadable.txt",
        b" date 2024-04-05 Secret\nNobody may read this.\n",
        Expected(skipped=True),
    )
    (root / "unreadable.txt").chmod(0)
    good = json.dumps({"title": "Wire one", "date": "2024-05-02", "body": "Puffins return."})
    other = json.dumps({"title": "Wire two", "body": "Gannets too."})
    put(
        "wire.jsonl",
        f"{good}\n{{broken line\n[1, 2]\n{other}\n".encode(),
        Expected(("wire.jsonl#1", "wire.jsonl#4"), warned=True),
    )
    return expected


def poll(
    condition: Callable[[], object], *, timeout: float = DEADLINE_SECONDS, what: str = ""
) -> object:
    """Call `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what or condition}")
        time.sleep(0.05)


class PtyProcess:
    """A command run in a pseudo-terminal: everything it writes to the terminal is kept."""

    def __init__(
        self,
        args: Sequence[str],
        env: dict[str, str],
        *,
        rows: int = 40,
        columns: int = 120,
        unprivileged: bool = False,
    ) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            list(args),
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)},
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            close_fds=True,
            preexec_fn=permissions_enforced() if unprivileged else None,
        )
        os.close(slave)
        self.output = bytearray()

    def read_available(self, wait: float = 0.1) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], wait)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the other side closed
                return
            if not chunk:
                return
            self.output.extend(chunk)
            wait = 0

    def wait_for(
        self,
        condition: Callable[[bytes], object],
        *,
        timeout: float = DEADLINE_SECONDS,
        what: str = "",
    ) -> object:
        deadline = time.monotonic() + timeout
        while True:
            self.read_available()
            value = condition(bytes(self.output))
            if value:
                return value
            if self.process.poll() is not None:
                self.read_available()
                value = condition(bytes(self.output))
                if value:
                    return value
                pytest.fail(
                    f"the process exited ({self.process.returncode}) before {what}: {self.tail()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what}: {self.tail()}")

    def tail(self) -> str:
        return bytes(self.output[-2000:]).decode("utf-8", "replace")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 60.0) -> int:
        """Wait for the process to end (reading its output meanwhile), killing it on timeout."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read_available()
        if self.process.poll() is None:
            self.kill()
        self.read_available(wait=0)
        os.close(self.master)
        return self.process.returncode

    def kill(self) -> None:
        """Kill the process and everything it started (its session's process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def reader_app(archive: Path, index_dir: Path, home: Path):
    """The real app on `archive`, its settings and state under `home` (set XDG_* too)."""
    from reader.app import NewsReaderApp
    from reader.settings import Locations, Settings

    locations = Locations(home / "config" / "newsreader", home / "data" / "newsreader", home)
    return NewsReaderApp(archive, index_dir, locations=locations, settings=Settings())


def isolate_user_dirs(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / folder))


def generated_story(number: int) -> str:
    topics = ("harbour", "council", "budget", "ferry", "glacier", "bridge", "market", "museum")
    words = " ".join(topics[(number * 7 + position) % len(topics)] for position in range(200))
    return (
        f" date 2023-{number % 12 + 1:02d}-{number % 28 + 1:02d} Story {number} about "
        f"{topics[number % len(topics)]}\nBy Anna KellerThe {words}. Tag{number} ends it.\n"
    )


def write_generated(root: Path, numbers: range) -> None:
    """One small story per number, a hundred to a folder."""
    for number in numbers:
        folder = root / f"part-{number // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{number:05d}.txt").write_text(generated_story(number))
