"""Keeping evidence with a closing (issue 14 §4): the file a message brought (checked, fetched when the
setting allows, recorded by its channel id, name and size) and a cited document; and how /xem shows them.

Used by bot.core.work_cmds (the closing) and bot.core.view_cmds (/xem); the question asked before closing
an item whose product is a document lives in bot.core.evidence_cmds."""

from __future__ import annotations

import logging

from bot.core.context import Ctx
from bot.domain.evidence import FILE, EvidenceIn, size_text
from bot.domain.texts import vn_date
from bot.domain.texts import evidence as ev_texts
from bot.domain.views import WorkItem

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # Telegram's getFile serves files up to 20 MB


def _size(size: int) -> str:
    text = size_text(size)
    return ev_texts.SIZE.format(size=text) if text else ""


def refused(ctx: Ctx, config) -> bool:
    """True after replying why the message's file cannot be kept: it is to be stored (the setting allows
    it) and is larger than the limit. Nothing is recorded then."""
    file = ctx.inbound.file
    limit = getattr(config, "evidence_max_bytes", DEFAULT_MAX_BYTES)
    if file is None or file.keep is None or file.size <= limit:
        return False
    ctx.reply(
        ev_texts.TOO_BIG.format(name=file.name or "—", size=size_text(file.size), limit=size_text(limit) or "0 KB")
    )
    return True


def keep(ctx: Ctx, target: WorkItem, document: EvidenceIn | None = None) -> list[str]:
    """Record the message's file (fetched first when the setting allows) and ``document`` as evidence of
    ``target``; the reply lines that say so (none when there is nothing to keep)."""
    lines: list[str] = []
    file = ctx.inbound.file
    pieces: list[EvidenceIn] = [document] if document is not None else []
    if file is not None:
        path, fetched = "", False
        if file.keep is not None:
            try:
                path, fetched = file.keep(), True
            except Exception:  # noqa: BLE001 - a failed download keeps the file's id: it can be fetched later
                log.warning("could not fetch evidence file %s for %s", file.name, target.code, exc_info=True)
        size = _size(file.size)
        name = file.name or "—"
        if file.keep is not None and not fetched:
            lines.append(ev_texts.KEPT_ID_ONLY.format(name=name, size=size))
        else:
            lines.append(ev_texts.KEPT_FILE.format(name=name, size=size))
        pieces.append(EvidenceIn(FILE, file_id=file.id, name=file.name, size=file.size, mime=file.mime, path=path))
    for piece in pieces:
        ctx.store.evidence_add(
            plan_id=ctx.plan_id,
            assignment_id=target.assignment_id,
            item_id=target.item_id,
            agency_id=target.agency_id,
            evidence=piece,
            actor=ctx.actor,
            now=ctx.now,
            channel=ctx.inbound.channel,
        )
    return lines


def _when(ctx: Ctx, at) -> str:
    local = at.astimezone(ctx.zone)
    return f"{local:%H:%M} {vn_date(local.date())}"


def evidence_lines(ctx: Ctx, item_id: int, leads: int) -> list[str]:
    """/xem: one line per piece of evidence, "Minh chứng: tên.pdf (120 KB), gửi 10:15 5/6/2023" (the
    agency named when the item has several leads)."""
    lines = []
    for ev in ctx.store.evidence_for_item(item_id=item_id):
        when = _when(ctx, ev.at)
        if ev.kind == FILE:
            fmt = ev_texts.LINE_FILE_OF if leads > 1 else ev_texts.LINE_FILE
            lines.append(fmt.format(agency=ev.agency, name=ev.name or "—", size=_size(ev.size), when=when))
        else:
            fmt = ev_texts.LINE_DOCUMENT_OF if leads > 1 else ev_texts.LINE_DOCUMENT
            lines.append(fmt.format(agency=ev.agency, number=ev.number, date=vn_date(ev.document_date), when=when))
    return lines
