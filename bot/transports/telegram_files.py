"""Files officers send to the Telegram bot (issue 14 §4): a document or photo becomes the ``InboundFile`` the
core keeps as evidence; it is fetched (getFile, then the file's bytes) only when the core keeps it and an
evidence directory is configured (EVIDENCE_STORE_FILES)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Callable

from bot.domain.texts import evidence as ev_texts
from bot.files import evidence_dir
from bot.ports import InboundFile

FETCH_TIMEOUT = 120.0  # seconds a worker thread waits for an evidence file to download


def inbound_file(msg, bot, directory: str | Path | None) -> InboundFile | None:
    """The document or photo a message carries: its id, name, size and type (None when it has none)."""
    if msg.document is not None:
        doc = msg.document
        file_id, unique, size, mime = doc.file_id, doc.file_unique_id, doc.file_size or 0, doc.mime_type or ""
        name = doc.file_name or ev_texts.FILE_NAME.format(id=unique[:16])
    elif msg.photo:
        photo = msg.photo[-1]  # the largest size Telegram made
        file_id, unique, size, mime = photo.file_id, photo.file_unique_id, photo.file_size or 0, "image/jpeg"
        name = ev_texts.PHOTO_NAME.format(id=unique[:16])
    else:
        return None
    keep = _keeper(bot, file_id, unique, name, directory) if directory is not None else None
    return InboundFile(id=file_id, name=name, size=size, mime=mime, keep=keep)


def _keeper(bot, file_id: str, unique: str, name: str, directory: str | Path) -> Callable[[], str]:
    """A blocking download for the core's worker thread: getFile and the bytes on this event loop, then
    written into the evidence directory; the path written."""
    loop = asyncio.get_running_loop()

    async def fetch() -> str:
        found = await bot.get_file(file_id)
        data = await found.download_as_bytearray()
        return await asyncio.to_thread(evidence_dir.save, directory, unique, name, bytes(data))

    def keep() -> str:
        return asyncio.run_coroutine_threadsafe(fetch(), loop).result(timeout=FETCH_TIMEOUT)

    return keep
