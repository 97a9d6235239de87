"""What the machine offers: its physical memory."""

from __future__ import annotations

import os


def physical_memory_bytes() -> int:
    """Installed physical memory (sysconf), or 0 where the platform does not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0
