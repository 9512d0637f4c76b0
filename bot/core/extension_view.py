"""How /xem shows an item's approved extensions: "hạn gốc 31/5/2023, gia hạn đến 30/9/2023 theo …"."""

from __future__ import annotations

from bot.core.context import Ctx
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import vn_date


def extension_lines(ctx: Ctx, item_id: int) -> list[str]:
    """One line per agency whose deadline was extended: the original date, the latest approved one and
    the documents it rests on (nothing when there is none)."""
    by_agency: dict[int, list] = {}
    for ext in ctx.store.item_extensions(item_id=item_id):
        by_agency.setdefault(ext.agency_id, []).append(ext)
    if not by_agency:
        return []
    lines = [chat_texts.EXT_SHOWN_TITLE]
    for exts in by_agency.values():
        docs = "; ".join(e.document for e in exts if e.document)
        lines.append(
            chat_texts.EXT_SHOWN.format(
                agency=exts[-1].agency,
                original=vn_date(exts[0].original_due),
                new_due=vn_date(exts[-1].new_due),
                basis=chat_texts.EXT_BASIS.format(document=docs) if docs else "",
            )
        )
    return lines
