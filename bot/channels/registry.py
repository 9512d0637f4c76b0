"""Every channel plug-in, one line each (the composition root starts the configured ones).

Created minimally on branch `email` (only the e-mail line); the channels helper owns this file.
"""

from __future__ import annotations

from bot.channels.email import EmailChannel

CHANNELS = [
    EmailChannel(),
]
