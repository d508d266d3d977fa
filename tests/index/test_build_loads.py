"""What an index update loads: the entity model only when it has articles to read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from index.api import update_index

UPDATE_AND_REPORT_MODEL = """
import sys
from pathlib import Path
from articles.entities.tagger import load_model
from index.api import update_index
report = update_index(Path(sys.argv[1]), Path(sys.argv[2]))
print(report.indexed, report.unchanged, load_model.cache_info().currsize)
"""


def test_an_index_with_nothing_new_is_brought_up_to_date_without_the_entity_model(
    archive: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    # In a process of its own: this one may have loaded the model for another test.
    finished = subprocess.run(
        [sys.executable, "-c", UPDATE_AND_REPORT_MODEL, str(archive), str(index_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    indexed, unchanged, models_loaded = map(int, finished.stdout.split())
    assert indexed == 0 and unchanged > 0
    assert models_loaded == 0
