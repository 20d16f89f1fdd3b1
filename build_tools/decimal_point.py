"""The seventh patch to durable-rules' C core: numbers read with a decimal point, whatever the
process's locale.

The core reads every number with a fraction, a fact's and a rule's alike, with `atof`, which
takes the decimal separator from the C locale's LC_NUMERIC. A Python program that embeds pathfit
and calls `locale.setlocale(locale.LC_ALL, "")` under a German or French locale (or a library
in the process that does so in C) made the core read the text `1.2` as 1 and a rule's `1.5` as
1: the rule `hours >= 1.5` fired for 1.2, and every such decision ended in the cross-check's
internal error (PF505) instead of the right decision. pathfit writes every number the core reads
with a point (fact_text.py), as JSON does, so the three `atof` calls now go through
`pathfitReadDouble`, which reads the text as written when the locale's separator is a point, and
otherwise reads a copy with the point replaced by the locale's separator, which is what
`atof` then expects. Nothing else in the core reads a number's text: whole numbers go through
`atol`/`atoll`, which no locale changes. (The core also hashes a number with a fraction through
`snprintf("%f")` to index joins on equality; that text is made and compared within one process
and one locale, and pathfit joins on no number.)
"""
from __future__ import annotations

READER = (
    '#include "rules.h"\n'
    "#include <locale.h>\n"
    "/* pathfit: a number's text read as JSON writes it, with a point, whatever the locale */\n"
    "static double pathfitReadDouble(const char *text) {\n"
    "    const char *separator = localeconv()->decimal_point;\n"
    "    const char *point = strchr(text, '.');\n"
    "    if (point == NULL || (separator[0] == '.' && separator[1] == '\\0')) {\n"
    "        return atof(text);\n"
    "    }\n"
    "    size_t length = strlen(text), separatorLength = strlen(separator), before = point - text;\n"
    "    char shortCopy[64];\n"
    "    char *copy = length + separatorLength < sizeof(shortCopy) ? shortCopy :\n"
    "                 (char *)malloc(length + separatorLength);\n"
    "    if (copy == NULL) {\n"
    "        return atof(text);  /* out of memory: the cross-check finds any rule this misleads */\n"
    "    }\n"
    "    memcpy(copy, text, before);\n"
    "    memcpy(copy + before, separator, separatorLength);\n"
    "    memcpy(copy + before + separatorLength, point + 1, length - before);  /* and the NUL */\n"
    "    double value = atof(copy);\n"
    "    if (copy != shortCopy) {\n"
    "        free(copy);\n"
    "    }\n"
    "    return value;\n"
    "}\n"
)

# (source, old text, new text, count), applied in this order: every call of atof replaced, then
# the reader, which calls it, defined once in each file that did
DECIMAL_POINT = (
    ("src/rules/rete.c", "atof(", "pathfitReadDouble(", 2),
    ("src/rules/state.c", "atof(", "pathfitReadDouble(", 1),
    ("src/rules/rete.c", '#include "rules.h"\n', READER, 1),
    ("src/rules/state.c", '#include "rules.h"\n', READER, 1),
)
