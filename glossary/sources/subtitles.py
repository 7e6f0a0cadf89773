"""Subtitles (SubRip ``.srt``, WebVTT ``.vtt``) read as what is said: cue numbers, timings, a WebVTT file's header
and its note, style and region blocks, and the tags inside a cue (``<i>``, ``<c.yellow>``, ``<v 旁白>``) blanked,
every offset kept (spaces of their length, a line break a line break), as the Markdown reader keeps them.

A video's translator is handed subtitles; read as plain text their timings gave numbers and arrows, and a speaker's
tag a name.

>>> srt = "1\\n00:00:01,000 --> 00:00:03,500\\n<i>涡轮叶片</i>检修开始。\\n\\n2\\n00:00:04,000 --> 00:00:06,000\\n关闭冷却塔。\\n"
>>> prose(srt).split()
['涡轮叶片', '检修开始。', '关闭冷却塔。']
>>> len(prose(srt)) == len(srt)
True
"""

from __future__ import annotations

import re

from .markdown import blank

#: a cue's timing line: 00:00:01,000 --> 00:00:03,500 (WebVTT: a dot, and settings after it)
_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->.*$")
#: a block of a WebVTT file that is no cue: its header, a note, a style sheet, a region
_NOT_CUE = re.compile(r"^(?:WEBVTT|NOTE|STYLE|REGION)(?:\s|$)")
#: a tag inside a cue: <i>, </b>, <c.yellow>, <v Speaker>, <00:00:02.000>
_TAG = re.compile(r"<[^<>\n]*>")


def prose(text: str) -> str:
    """``text`` with everything but what the cues say blanked (the module docstring): the same length, line for
    line."""
    out: list[str] = []
    blocks = re.split(r"(\n\s*\n)", text)  # (blocks and the blank lines between them, kept)
    for block in blocks:
        if not block.strip():
            out.append(block)
            continue
        lines = block.split("\n")
        first = next((line for line in lines if line.strip()), "")
        if _NOT_CUE.match(first.lstrip("\ufeff")):
            out.append(blank(block))
            continue
        timed = next((i for i, line in enumerate(lines) if _TIMING.match(line)), None)
        if timed is None:  # (no timing: not a cue, or a file that is no subtitle file; read as it is)
            out.append(_TAG.sub(lambda m: blank(m.group()), block))
            continue
        # the cue's number or identifier and its timing are no speech; what follows is
        head = "\n".join(blank(line) for line in lines[: timed + 1])
        said = "\n".join(_TAG.sub(lambda m: blank(m.group()), line) for line in lines[timed + 1 :])
        out.append(head + ("\n" + said if timed + 1 < len(lines) else ""))
    return "".join(out)
