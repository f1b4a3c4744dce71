"""axe-core accessibility checks for the browser journeys.

axe-core's script ships inside the axe-playwright-python package (axe.min.js), so it is
injected from disk into the page: nothing is fetched."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

# What fails a journey; "moderate" and "minor" findings are for the accessibility audit.
BLOCKING_IMPACTS = ("serious", "critical")
_MAX_TARGETS = 3

_axe = Axe()


def _run(page) -> dict:
    """axe's answer on the loaded page.

    A click that submits a GET form starts a navigation the journey may not have waited for:
    axe then runs on a document being replaced and fails on ``null``. The page is awaited and
    axe run again once; any other error, or a second failure, is raised as it is."""
    page.wait_for_load_state("load")
    try:
        return _axe.run(page).response
    except PlaywrightError:
        page.wait_for_load_state("load")
        return _axe.run(page).response


def blocking_violations(page) -> list[dict]:
    """axe's serious and critical violations on the page as it is now."""
    violations = _run(page)["violations"]
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:_MAX_TARGETS])
        more = f" (+{len(targets) - _MAX_TARGETS})" if len(targets) > _MAX_TARGETS else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}] {violation['help']} : {shown}{more}"
        )
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with rule id, impact, help and the first targets of each blocking violation."""
    violations = blocking_violations(page)
    assert not violations, f"axe : violations graves sur {page.url}\n{describe(violations)}"
