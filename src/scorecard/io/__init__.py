"""JSON round trips of scorecard's model objects through one cattrs converter, and the JSON Schema.

Every hook the JSON format needs is registered in `configure_converter`; the model classes hold
no serialisation code. The format is strict both ways: unknown keys, wrong JSON types (a number
given as a string, say) and unknown tags are errors that name their JSON path, and output
leaves out every field equal to its default so that files stay short.

Tagged families (a field typed by a protocol, base class or union whose members carry a tag
such as ``"kind": "linear"``) are registered with `register_tagged`. The parts: strict hooks
for JSON's own types (`scorecard.io._strict`), tagged families (`_tagged`), the converter
(`_converter`), reading and writing files (`_files`) and error paths (`_paths`).
"""

from scorecard.io._converter import configure_converter, converter, make_converter
from scorecard.io._files import (
    SCHEMA_FILE,
    dump,
    load,
    read_json,
    schema,
    structure,
    unstructure,
)
from scorecard.io._tagged import register_tagged

__all__ = [
    "SCHEMA_FILE",
    "configure_converter",
    "converter",
    "dump",
    "load",
    "make_converter",
    "read_json",
    "register_tagged",
    "schema",
    "structure",
    "unstructure",
]
