"""Stage 7, translation memory: sentence pairs, fuzzy lookup, concordance, terminology QA and
bilingual term extraction, on the approved glossary of the term base."""
