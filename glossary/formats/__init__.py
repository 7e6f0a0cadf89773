"""Stage 6, formats: one module per glossary file format behind one small interface.

>>> get_format(path="out.tbx").name, get_format("omegat").name, get_format(path="glossary.txt").name
('tbx', 'omegat', 'omegat')
>>> get_format(path="x.docx")
Traceback (most recent call last):
...
glossary.errors.UnknownFormat: unknown format for 'x.docx'; use one of: csv, omegat, tbx, tmx (or --format)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import UnknownFormat
from .base import Format, WriteOptions, write_file
from .csv import CsvFormat
from .langs import Langs
from .omegat import OmegatFormat
from .tbx import TbxFormat
from .tmx import TmxFormat

FORMATS: dict[str, type[Format]] = {"csv": CsvFormat, "tmx": TmxFormat, "tbx": TbxFormat, "omegat": OmegatFormat}
#: each format by the extensions it declares (OmegaT's glossary is the .utf8, .txt or .tab one OmegaT loads)
_BY_EXT = {ext: name for name, cls in FORMATS.items() for ext in cls.extensions}


def get_format(
    name: str | None = None, path: str | Path | None = None, header_map: Mapping[str, str] | None = None
) -> Format:
    """The format named ``name``, or guessed from ``path``'s extension."""
    if name:
        key = name.lower()
        if key not in FORMATS:
            raise UnknownFormat(f"unknown format {name!r}; use one of: {', '.join(sorted(FORMATS))}")
    else:
        key = _BY_EXT.get(Path(str(path or "")).suffix.lower(), "")
        if not key:
            raise UnknownFormat(
                f"unknown format for {str(path)!r}; use one of: {', '.join(sorted(FORMATS))} (or --format)"
            )
    if key == "csv":
        return CsvFormat(header_map=header_map)
    if header_map:
        raise UnknownFormat("--map applies only to CSV files")
    return FORMATS[key]()


__all__ = ["FORMATS", "Format", "Langs", "WriteOptions", "get_format", "write_file"]
