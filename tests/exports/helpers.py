"""Objects the export tests share: people followed by the team, in known states."""

import csv
import io

from openpyxl import load_workbook

from pathways.enums import EntryChannel, PathwayKind, PathwayState
from pathways.services import pathway_open, pathway_transition
from persons.services import person_create


def followed_person(team, first_name, last_name, *, state=None, **data):
    person = person_create(
        organization=team.organization,
        user=team.colleague,
        data={"first_name": first_name, "last_name": last_name, **data},
    )
    pathway = pathway_open(
        person=person,
        organization=team.organization,
        kind=PathwayKind.IAE,
        referent=team.colleague,
        user=team.colleague,
        entry_channel=EntryChannel.WALK_IN,
    )
    if state is not None:
        for step in (PathwayState.DIAGNOSIS, PathwayState.ACTIVE):
            pathway = pathway_transition(pathway=pathway, to_state=step, user=team.colleague)
            if step == state:
                break
    return person


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "the CSV starts with a byte order mark for Excel"
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def read_xlsx(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]
