"""How /xem shows an item's amendments: "Sửa đổi theo Quyết định số … ngày …: hạn 31/5/2023 → 30/6/2023"."""

from __future__ import annotations

from bot.core.context import Ctx
from bot.domain.amend_text import history_lines


def amendment_lines(ctx: Ctx, item_id: int) -> list[str]:
    """The item's amendment history, oldest first (nothing when it was never amended)."""
    return history_lines(ctx.store.amend_history(item_id=item_id))
