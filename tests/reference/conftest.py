import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

VALID_FIXTURES = Path(__file__).parent / "fixtures" / "valid"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: loads the full shipped reference data (a few seconds)"
    )


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A writable copy of the tiny valid reference files, to break or edit in a test."""
    target = tmp_path / "data"
    shutil.copytree(VALID_FIXTURES, target)
    return target


@pytest.fixture
def load():
    """Run the command as `make run` does; returns what it printed."""

    def run(data_dir: Path, *, force: bool = False) -> str:
        out = StringIO()
        call_command("load_reference_data", data_dir=data_dir, force=force, stdout=out)
        return out.getvalue()

    return run


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
