"""Text as it may be stored: no control characters (they break exports and terminals)."""

from __future__ import annotations

import re

# C0 controls except tab (09) and newline (0A), DEL, and the C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str | None) -> str:
    """``text`` without C0/C1 control characters (tab and newline kept; a CR-LF becomes a newline)."""
    if not text:
        return text or ""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
