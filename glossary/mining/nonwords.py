"""What a text holds that is no word of it: a program's format directives, web and e-mail addresses, files' paths.
The segmenter makes each one mark of punctuation (:meth:`~.segment.JiebaTokeniser.pairs`), and a gloss in brackets
that is an address or a path is none (:func:`~.evidence.split_gloss`).

>>> [m.group() for m in NO_WORD.finditer("见https://example.org/a，改mm/widget.c的%s。I/O")]
['https://example.org/a', 'mm/widget.c', '%s']
"""

from __future__ import annotations

import re

#: a format directive in a program's messages, not a word: printf's (%s, %.250s, %1$d, %lu, %(name)s) and the
#: braces of Python, C# and others ({0}, {name}, {0:>8}). Software messages are texts translators mine too, and
#: the letters of %s, %d and %.250s ranked among their first terms. A directive follows no digit and is followed by
#: no Latin letter: a percentage (5%e-commerce, 5%GDP) is none.
PLACEHOLDER = re.compile(
    r"(?<![0-9])%(?:\(\w+\)|\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|ll|[hlLqjzt])?[diouxXeEfFgGaAcspn](?![A-Za-z])"
    r"|\{[A-Za-z0-9_.]*(?:[:!][^{}\s]*)?\}"
)
#: a web address or an e-mail address, not words: a page's links and a document's authors' addresses gave
#: "terms" of their pieces (a host name, a user name, gmail.com). It runs to a space, a quotation mark or
#: bracket, or Chinese punctuation; a final full stop or comma is the sentence's.
ADDRESS = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'()（）\[\]【】《》「」，。、；：！？]*[^\s<>\"'()（）\[\]【】《》「」，。、；：！？.,;:!?]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
#: a file's path: two slashes or more between Latin names, one of three letters or more (Documentation/PCI/pci.rst,
#: /proc/sys/vm), or one before a name with an extension (mm/hugetlb.c); not I/O, TCP/IP, km/h or A/B/C
PATH = re.compile(
    r"(?<![A-Za-z0-9_/])(?=/?[A-Za-z0-9_./-]*[A-Za-z]{3})/?(?:[A-Za-z0-9_.-]*[A-Za-z][A-Za-z0-9_.-]*/){2,}"
    r"[A-Za-z0-9_.-]*[A-Za-z0-9_]"
    r"|(?<![A-Za-z0-9_/])[A-Za-z0-9_.-]*[A-Za-z][A-Za-z0-9_.-]*/[A-Za-z0-9_-]+\.[a-z]{1,4}(?![A-Za-z0-9_/])"
)
#: what is no word of a text: a format directive, an address or a path
NO_WORD = re.compile(f"{PLACEHOLDER.pattern}|{ADDRESS.pattern}|{PATH.pattern}")
