"""What counts as a Hanzi, in one place: every plane's CJK ideographs, so a term with a character outside the
Basic Multilingual Plane (𫟼 darmstadtium, 𬭊, rare names) is mined, searched and checked like any other.

>>> bool(HAN.search("𫟼")), bool(HAN.search("ㄅ")), HAN_RUN.findall("钕铁硼NdFeB和𫟼")
(True, False, ['钕铁硼', '和𫟼'])
>>> is_han("镝"), is_han("A")
(True, False)
"""

from __future__ import annotations

import re

#: the CJK Unified Ideographs and their extensions A–I, and the compatibility ideographs
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003347f"

HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")


def is_han(ch: str) -> bool:
    """True when the one character ``ch`` is a CJK ideograph of any plane."""
    return HAN.fullmatch(ch) is not None
