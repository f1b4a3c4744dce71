"""Route arguments of « Résultats »: the CSV of one of its tables. The scope is a query
parameter (the stranger's own organization by default); a stranger asking for the
team's organization gets 404 (`tests/indicators/test_scopes.py`)."""


def samples(team, followed):
    return [], {"table": "personnes-accompagnees"}
