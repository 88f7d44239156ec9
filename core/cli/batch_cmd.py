"""`chohyo batch` (see its issue; filled in by the stage that owns it)."""

from __future__ import annotations
