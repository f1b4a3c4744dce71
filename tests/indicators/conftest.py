from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import reference_data_dir  # noqa: F401


@pytest.fixture
def demo(db, reference_data_dir):  # noqa: F811
    """The demo territory, loaded by the project's own commands."""
    call_command("load_reference_data", "--data-dir", str(reference_data_dir), stdout=StringIO())
    call_command("load_demo", "--quiet-accounts", stdout=StringIO())
