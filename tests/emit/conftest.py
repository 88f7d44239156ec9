from __future__ import annotations

import pytest
from chohyo.model import Document
from emit_docs import budget_document


@pytest.fixture
def doc() -> Document:
    return budget_document()
