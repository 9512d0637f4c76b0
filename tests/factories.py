"""Small plans and agency directories for tests, built the way the plan and directory files are read
(through ``build_plan`` / ``build_directory``), so a test states only what it is about."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import select

from bot.domain.agencies import Directory
from bot.domain.directory_build import build_directory
from bot.domain.plan import Plan, build_plan
from storage import audit
from storage.models import AssignmentRow


def task(number: int, content: str, lead: str, deadline: str, *, coordinating: str = "", product: str = "") -> dict:
    """One row of a plan's task table."""
    row: dict[str, Any] = {"number": number, "content": content, "lead": lead, "deadline": deadline}
    if coordinating:
        row["coordinating"] = coordinating
    if product:
        row["product"] = product
    return row


def make_plan(
    *sections: tuple[str, str, list[dict]],
    year: int = 2026,
    province: str = "Quảng Ninh",
    plan_id: str = "test-plan",
    title: str = "Kế hoạch thử nghiệm",
    **extra: Any,
) -> Plan:
    """A plan from ``(roman, title, [task(...), ...])`` sections; ``extra`` adds plan-file fields."""
    tree = {
        "id": plan_id,
        "year": year,
        "province": province,
        "issuer": f"UBND tỉnh {province}",
        "title": title,
        "sections": [{"number": n, "title": t, "tasks": rows} for n, t, rows in sections],
        **extra,
    }
    return build_plan(tree)


def agency(key: str, name: str, kind: str = "department", *aliases: str, short: str = "") -> dict:
    """One entry of a directory file."""
    node: dict[str, Any] = {"key": key, "name": name, "kind": kind}
    if aliases:
        node["aliases"] = list(aliases)
    if short:
        node["short"] = short
    return node


def make_directory(
    *agencies: dict, province: str = "Quảng Ninh", groups: list[dict] | None = None, vague: list[str] | None = None
) -> Directory:
    """A directory of ``agency(...)`` entries (a provincial office is added when none is given)."""
    nodes = list(agencies)
    if not any(a["kind"] == "province_office" for a in nodes):
        nodes.insert(0, agency("vp-ubnd", "Văn phòng UBND tỉnh", "province_office", short="VP UBND tỉnh"))
    return build_directory(
        {
            "province": province,
            "agencies": nodes,
            "groups": groups or [],
            "vague": vague or ["các cơ quan có liên quan"],
        }
    )


def close_in_session(session, *, assignment_id: int, actor: str, note: str, now, data: dict | None = None) -> bool:
    """Test set-up: mark an assignment done inside ``session`` with its audit row, as /xong would record it
    (the chat's own path is ``SqlStore.close_assignment``). False when it already was done."""
    res = session.execute(
        update(AssignmentRow)
        .where(AssignmentRow.id == assignment_id, AssignmentRow.status != "done")
        .values(status="done", closed_at=now, closed_by=actor, note=note, updated_at=now)
    )
    if res.rowcount != 1:
        return False
    item_id = session.exec(select(AssignmentRow.item_id).where(AssignmentRow.id == assignment_id)).one()
    audit.write(
        session,
        action="done",
        actor=actor,
        now=now,
        item_id=item_id,
        assignment_id=assignment_id,
        after=data or {},
        note=note,
    )
    session.flush()
    return True
