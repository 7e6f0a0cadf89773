"""Stage 2, normalisation: pure functions on text (script, pinyin, width, sentences); no I/O."""

from .pinyin import to_pinyin
from .script import detect_script, to_simplified, to_traditional
from .text import fold, split_sentences

__all__ = ["detect_script", "fold", "split_sentences", "to_pinyin", "to_simplified", "to_traditional"]
