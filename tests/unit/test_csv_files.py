"""CSV files as people save them: encodings, delimiters, padded headers, broken rows."""

from __future__ import annotations

import csv
import io
import math
import warnings
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard import PerformanceTable
from scorecard.errors import ScorecardError, TableError

CLEAN = PerformanceTable(
    ["Caf\u00e9 Recovery", "Kestrel Vale", "Brackenford"],
    ["completions", "retention"],
    [[41.5, 80.0], [35.0, math.nan], [50.25, 72.0]],
)


def _write(tmp_path: Path, content: bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _text(delimiter: str = ",") -> str:
    rows = [
        "provider,completions,retention",
        "Caf\u00e9 Recovery,41.5,80",
        "Kestrel Vale,35,",
        "Brackenford,50.25,72",
    ]
    return "\n".join(r.replace(",", delimiter) for r in rows) + "\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252"], ids=["utf-8", "utf-8 with BOM", "Windows-1252"]
)
def test_utf8_with_or_without_bom_and_windows_1252_read_the_same(
    tmp_path: Path, encoding: str
) -> None:
    path = _write(tmp_path, _text().encode(encoding))
    assert PerformanceTable.from_csv(path) == CLEAN


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_files_read_the_same(tmp_path: Path, delimiter: str) -> None:
    path = _write(tmp_path, _text(delimiter).encode())
    assert PerformanceTable.from_csv(path) == CLEAN


def test_spaces_around_header_names_are_removed_with_a_warning_quoting_them(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, _text().replace("completions,", "completions ,", 1).encode())
    with pytest.warns(UserWarning, match=r"'completions ' were removed"):
        assert PerformanceTable.from_csv(path) == CLEAN


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"provider,completions\n", "a header but no providers"),
        (b"provider,completions\nA,1\x00\n", r"line 2: provider 'A', column 'completions'"),
        (b"PK\x03\x04\x14\x00", "an Excel .xlsx workbook"),
        (b"provider,x\nA,\x81\x8d\x8f\n", "neither UTF-8 nor Windows-1252"),
        (b"provider|completions\nA|1|2\n", "split by something other than commas"),
        (b"Provider,completions\nA,1\n", "pass --provider-column 'Provider'"),
    ],
)
def test_files_that_are_not_tables_say_why(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(TableError, match=message):
        PerformanceTable.from_csv(_write(tmp_path, content))


def test_an_error_after_a_quoted_multi_line_cell_names_the_line_the_editor_shows(
    tmp_path: Path,
) -> None:
    content = 'provider,completions\n"Riverside\nRecovery",40\nKestrel,forty\n'
    with pytest.raises(TableError, match=r"line 4"):
        PerformanceTable.from_csv(_write(tmp_path, content.encode()))


# -- any CSV text: the same table as the clean file, or a ScorecardError --------------------------


@st.composite
def _variants(draw: st.DrawFn) -> tuple[bytes, bool]:
    """CLEAN written with a random delimiter, encoding, quoting, spacing and line ends; and
    whether a character was then damaged."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    quoting: Literal[0, 1, 2] = draw(
        st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])
    )
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=ending)
    pad = draw(st.sampled_from(["", " "]))
    writer.writerow([f"{pad}{h}{pad}" for h in ("provider", *CLEAN.metrics)])
    for i, name in enumerate(CLEAN.providers):
        cells = ["" if math.isnan(v) else repr(float(v)) for v in CLEAN.values[i]]
        writer.writerow([name, *cells])
    text = buffer.getvalue()
    damaged = draw(st.booleans())
    if damaged:  # replace or drop one character
        k = draw(st.integers(0, len(text) - 1))
        new = draw(st.sampled_from(["", '"', delimiter, "\n", "x", "\x00", "\u00e9"]))
        text = text[:k] + new + text[k + 1 :]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding), damaged


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(variant=_variants())
def test_any_csv_text_gives_the_clean_table_or_a_scorecard_error(
    tmp_path: Path, variant: tuple[bytes, bool]
) -> None:
    """Undamaged, every variant reads as the clean table; damaged, it reads as some table or
    raises a ScorecardError, never another exception."""
    content, damaged = variant
    path = _write(tmp_path, content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # padded headers: warned, then read
        try:
            found = PerformanceTable.from_csv(path)
        except ScorecardError:
            assert damaged
            return
    if not damaged:
        assert found == CLEAN


# -- Excel workbooks in and out (the excel extra) -------------------------------------------------


def test_a_workbook_reads_as_its_csv_does_with_excel_row_numbers(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Providers"
    ws.append(["provider", "completions", "retention"])
    ws.append(["Caf\u00e9 Recovery", 41.5, 80])
    ws.append(["Kestrel Vale", 35, None])
    ws.append(["Brackenford", "50.25", 72])
    path = tmp_path / "data.xlsx"
    book.save(path)
    assert PerformanceTable.from_excel(path) == CLEAN
    ws.append(["Hollowmere", "forty", 70])
    book.save(path)
    with pytest.raises(TableError, match=r"sheet 'Providers', row 5: provider 'Hollowmere'"):
        PerformanceTable.from_excel(path)
    with pytest.raises(TableError, match=r"no sheet 'Other'; its sheets are 'Providers'"):
        PerformanceTable.from_excel(path, sheet="Other")
    with pytest.raises(TableError, match="not an Excel workbook"):
        PerformanceTable.from_excel(_write(tmp_path, b"PK\x03\x04broken", "bad.xlsx"))


def test_an_evaluation_writes_a_workbook_with_every_sheet(tmp_path: Path) -> None:
    import openpyxl

    import scorecard as sc
    from scorecard.cli import main

    card, data = tmp_path / "card.json", tmp_path / "data.xlsx"
    sc.catalog.balanced().to_json(card)
    table = sc.datasets.example()
    book = openpyxl.Workbook()
    columns = table.to_columns()
    book.active.append(list(columns))
    for row in zip(*columns.values(), strict=True):
        book.active.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    book.save(data)
    out = tmp_path / "result.xlsx"
    assert main(["evaluate", str(card), str(data), "--format", "xlsx", "-o", str(out)]) == 0
    written = openpyxl.load_workbook(out)
    assert written.sheetnames == [
        "Scores",
        "Contributions",
        "Against baseline",
        "Weights",
        "Policy cells",
    ]
    ev = sc.catalog.balanced().evaluate(table)
    scores = [r[2] for r in written["Scores"].iter_rows(min_row=2, values_only=True)]
    assert scores == pytest.approx(sorted(ev.scores.tolist(), reverse=True), rel=1e-12)
    assert written["Policy cells"].max_row == 1 + len(ev.policy_cells)


def test_decimal_commas_are_read_only_when_declared_and_the_source_says_how(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path, _text(";").replace("41.5", "41,5").replace("50.25", "50,25").encode("cp1252")
    )
    with pytest.raises(TableError, match=r"'41,5' is not a number; a decimal comma\?"):
        PerformanceTable.from_csv(path)
    table = PerformanceTable.from_csv(path, decimal=",")
    assert table == CLEAN
    assert table.source == f"{path}: Windows-1252, semicolons, decimal commas"
    with pytest.raises(TableError, match="need a file delimited by semicolons or tabs"):
        PerformanceTable.from_csv(_write(tmp_path, _text().encode(), "commas.csv"), decimal=",")
