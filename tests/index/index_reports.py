"""What an index update's report says, in one comparable value."""

from __future__ import annotations

from index.api import IndexReport


def report_summary(report: IndexReport) -> tuple[object, ...]:
    return (
        report.indexed,
        report.updated,
        report.unchanged,
        report.removed,
        report.skipped,
        report.warnings,
    )
