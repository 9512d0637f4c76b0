"""The coordinating office's name as the newest plan's heading gives it (texts that name the office)."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from bot.domain.report_data import coordinating_office
from storage.models import PlanRow


def plan_office(session: Session) -> str:
    """ "Văn phòng UBND tỉnh", "Văn phòng UBND thành phố", "Văn phòng Bộ" (the plan's ``letter:`` block's
    ``unit_name`` when it has one) for the newest plan; "" when no plan is loaded."""
    row = session.execute(
        select(PlanRow.province, PlanRow.issuer, PlanRow.meta).order_by(PlanRow.loaded_at.desc(), PlanRow.id.desc())
    ).first()
    if row is None:
        return ""
    province, issuer, meta = row
    return coordinating_office(province=province, issuer=issuer or "", given=(meta or {}).get("letter") or {})
