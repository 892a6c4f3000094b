"""Short names an article declares for itself: 某某科技股份有限公司（以下简称“某某科技”）.

Every later occurrence of the short name in the same article is the same organisation
or facility, so it becomes a candidate of the same type carrying the full name; the
linker then sees one entity.  Runs after the recognisers of full names.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import Candidate, candidates, token_table

# （以下简称“某某”）, (下称某某), （简称：某某）
DECLARATION = re.compile(r"[（(](?:以下|下文)?(?:简称|下称|以下称)[为：:]?\s*[“\"「『]?"
                         r"([^（）()“”\"「」『』，,、。；\s]{2,12})[”\"」』]?[）)]")
# Types whose short names an article declares (persons and places have none).
DECLARED_TYPES = frozenset({"Company", "GovernmentBody", "ResearchOrg", "Organization",
                            "ComputeCenter", "Project", "Zone", "Port"})


@Language.component("kg_short_names")
def recognise_short_names(doc: Doc) -> Doc:
    found = candidates(doc)
    text = token_table(doc).text
    for declaration in DECLARATION.finditer(text):
        full = max((c for c in found if c.end == declaration.start()
                    and c.label in DECLARED_TYPES), key=lambda c: c.length, default=None)
        short = declaration.group(1)
        if full is None or short == text[full.start:full.end]:
            continue
        name = full.attrs.get("name") or text[full.start:full.end]
        at = text.find(short, declaration.start())
        while at != -1:
            found.append(Candidate(at, at + len(short), full.label, priority=3,
                                   attrs={"name": name, "short_form": True}))
            at = text.find(short, at + len(short))
    return doc
