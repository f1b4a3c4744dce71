from tests.browser.conftest import reference_data_dir  # noqa: F401
from tests.indicators.conftest import demo  # noqa: F401
from tests.indicators.test_results import coordinator, quarter  # noqa: F401
