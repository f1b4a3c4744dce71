"""Route arguments of the reports (« Rapports » of « Résultats », `GET /reports/…`): the
scope is a query parameter (the stranger's own organization by default); a stranger
asking for the team's organization gets 404 (`tests/reports/test_reports.py`)."""


def samples(team, followed):
    return [], {"report": "conseil", "report_file": "conseil.pdf"}
