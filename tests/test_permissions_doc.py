"""docs/permissions.md and core.roles.ROLE_PERMISSIONS must say the same thing."""

from pathlib import Path

import pytest

from orderdesk.core.roles import ROLE_PERMISSIONS, Perm, Role

DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
ROLE_COLUMNS = [Role.ADMIN, Role.OPERATIONS, Role.SALES, Role.CUSTOMER_CARE, Role.INTAKE]


def documented_matrix() -> dict[Perm, dict[Role, bool]]:
    rows = {}
    for line in DOC.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 + len(ROLE_COLUMNS) or not cells[1].startswith("`"):
            continue
        perm = Perm(cells[1].strip("`"))
        rows[perm] = {role: cell == "✔" for role, cell in zip(ROLE_COLUMNS, cells[2:], strict=True)}
    return rows


def test_given_the_doc_then_every_permission_has_a_row():
    assert set(documented_matrix()) == set(Perm)


@pytest.mark.parametrize("perm", list(Perm))
@pytest.mark.parametrize("role", ROLE_COLUMNS)
def test_given_a_cell_of_the_doc_then_the_role_table_agrees(perm, role):
    assert documented_matrix()[perm][role] == (perm in ROLE_PERMISSIONS[role])
