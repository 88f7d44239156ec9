"""Arrow tables built without pyarrow's pandas hook.

``pa.array`` / ``pa.table`` on Python lists ask pyarrow's pandas shim whether the input is a
pandas object, and the shim imports pandas to answer: a quarter of a second of every ``chohyo
extract`` run (1.4 s where Python keeps no bytecode cache) and about 50 MB of memory, for a
library chohyo never calls while writing. Arrow's JSON reader builds the same typed columns in C++
from JSON lines and an explicit schema, and never asks. A value JSON cannot carry (NaN, a lone
surrogate) falls back to ``pa.table``, and so does a process that has imported pandas already.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any

_quote = json.encoder.encode_basestring  # C, ensure_ascii=False


def _encoded(values: list[Any], kind: Any) -> list[str]:
    """One column as JSON texts (``null`` for None), by its Arrow type."""
    import pyarrow as pa

    if pa.types.is_list(kind):
        return ["null" if v is None else "[" + ",".join(map(_quote, v)) + "]" for v in values]
    if pa.types.is_string(kind):
        return ["null" if v is None else _quote(v) for v in values]
    if pa.types.is_decimal(kind):  # exact digits, parsed into the schema's scale
        return ["null" if v is None else '"' + format(v, "f") + '"' for v in values]
    if pa.types.is_floating(kind):
        out = ["null" if v is None else repr(float(v)) for v in values]
        if any(x in ("nan", "inf", "-inf") for x in out):
            raise ValueError("not a JSON number")
        return out
    if pa.types.is_integer(kind):
        return ["null" if v is None else str(int(v)) for v in values]
    if pa.types.is_boolean(kind):
        return ["null" if v is None else ("true" if v else "false") for v in values]
    return [json.dumps(v, ensure_ascii=False, allow_nan=False) for v in values]


def table_from_columns(columns: dict[str, list[Any]], schema: Any) -> Any:
    """A pyarrow Table of ``schema`` (its metadata kept) from equal-length columns of Python values."""
    import pyarrow as pa
    import pyarrow.json as pj

    if "pandas" in sys.modules:  # already paid for: pyarrow's own path is the faster one
        return pa.table(columns, schema=schema)
    names = list(schema.names)
    try:
        encoded = [_encoded(columns[n], schema.field(n).type) for n in names]
        if len({len(c) for c in encoded}) > 1:
            raise ValueError("columns of different lengths")
        row = "{" + ",".join(_quote(n).replace("%", "%%") + ":%s" for n in names) + "}"
        data = "\n".join(row % values for values in zip(*encoded, strict=True)).encode("utf-8")
    except (ValueError, TypeError, UnicodeEncodeError):
        return pa.table(columns, schema=schema)
    if not data:
        return schema.empty_table()
    table = pj.read_json(
        io.BytesIO(data),
        read_options=pj.ReadOptions(use_threads=False, block_size=max(len(data) + 1, 1 << 20)),
        parse_options=pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error"),
    )
    return table.select(names).cast(schema)
