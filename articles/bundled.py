"""The sample archive shipped inside the package: original short articles by the team."""

from pathlib import Path

SAMPLE_ARCHIVE = Path(__file__).with_name("sample")
