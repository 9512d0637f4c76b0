"""The cyclic garbage collector paused around bulk work that builds tens of thousands of small tuples
(delivery's rows and digest entries, which hold no reference cycles): Python would otherwise set off
collections that trace every live object again and again — a third of a delivery batch's read went
there. Only synchronous blocks: the pause never spans an ``await``."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause automatic garbage collection inside the block; it resumes as it was on the way out."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
