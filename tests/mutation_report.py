"""Write benchmarks/MUTATION.md from mutmut's results (`make mutation` runs this after mutmut).

Survivors named in tests/mutation_explained.tsv (`mutant name<TAB>why it can't be killed`) are
listed with that line; any other survivor is marked unexplained, to be killed by a new test.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPLAINED = ROOT / "tests" / "mutation_explained.tsv"
REPORT = ROOT / "benchmarks" / "MUTATION.md"
MUTMUT = Path(sys.executable).with_name("mutmut")


def _mutmut(*arguments: str, check: bool = True) -> str:
    return subprocess.run(
        [str(MUTMUT), *arguments], cwd=ROOT, check=check, capture_output=True, text=True
    ).stdout


def _statuses() -> dict[str, str]:
    statuses = {}
    for line in _mutmut("results", "--all", "true").splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            statuses[name] = status
    return statuses


def _explained() -> dict[str, str]:
    lines = EXPLAINED.read_text(encoding="utf-8").splitlines() if EXPLAINED.exists() else []
    return dict(line.split("\t", 1) for line in lines if line.strip())


def _changed_lines(name: str) -> str:
    # `mutmut show` prints the diff but exits 1 for some mutants (3.8).
    diff = _mutmut("show", name, check=False).splitlines()
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return " / ".join(line.strip() for line in changed)


def _commit() -> str:
    """The commit checked out when the report is written (the run's, as `make mutation` writes
    the report right after mutmut)."""
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def main() -> None:
    statuses = _statuses()
    counts = Counter(statuses.values())
    killed = counts["killed"] + counts["timeout"]
    tested = killed + counts["survived"] + counts["suspicious"] + counts["segfault"]
    explained = _explained()
    survivors = sorted(name for name, status in statuses.items() if status == "survived")
    untested = sorted(name for name, status in statuses.items() if status == "no tests")
    lines = [
        "# Mutation testing",
        "",
        "Written by `make mutation` (mutmut over the modules in pyproject's `[tool.mutmut]`, with",
        "only their fast tests). Run it when those modules change; not part of `make test`.",
        f"This run: commit {_commit()}.",
        "",
        f"**Score: {killed} of {tested} mutants killed ({100 * killed / max(tested, 1):.1f} %).**",
        "",
        "| status | mutants |",
        "|---|---|",
        *(f"| {status} | {count} |" for status, count in sorted(counts.items())),
        "",
        *(
            [f"Run incomplete: {counts['not checked']} mutants not checked yet.", ""]
            if counts["not checked"]
            else []
        ),
        f"## Survivors ({len(survivors)})",
        "",
    ]
    for name in survivors:
        why = explained.get(name, "UNEXPLAINED: kill it with a test or say why it is equivalent")
        lines += [f"- `{name}`: {why}", f"  `{_changed_lines(name)}`"]
    if untested:
        lines += ["", f"## No test runs the mutated code ({len(untested)})", ""]
        lines += [f"- `{name}`: {explained.get(name, 'UNEXPLAINED')}" for name in untested]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{REPORT.relative_to(ROOT)}: {killed} of {tested} killed")


if __name__ == "__main__":
    main()
