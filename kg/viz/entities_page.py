"""The displaCy page of ``kg entities FILE --html``: each article with its entities and
quantities highlighted, for a user to check what recognition found.  An entity's label
says where it came from: ``Company · rule``, ``Company · model`` (the statistical model
alone) or ``Company · both``."""
from __future__ import annotations

from typing import Iterable

from spacy import displacy
from spacy.tokens import Doc

from kg.records import Article

# displaCy's default colours cover spaCy's own labels; ours get their own.
COLOURS = {
    "ComputeCenter": "#f4a261", "Project": "#e9c46a", "Company": "#8ecae6",
    "GovernmentBody": "#b5e48c", "ResearchOrg": "#cdb4db", "Organization": "#ffc8dd",
    "Person": "#ffafcc", "AdminArea": "#a8dadc", "Zone": "#d8e2dc", "Port": "#bde0fe",
    "money": "#ffe8a3", "compute": "#ffd6a5", "date": "#e0e0e0", "percent": "#e0e0e0",
    "area": "#e0e0e0",
}
SOURCES = ("rule", "model", "both")
# An entity's label carries its source; each keeps its type's colour.
LABEL_COLOURS = {**COLOURS, **{f"{label} · {source}": colour for label, colour in COLOURS.items()
                               for source in SOURCES}}


def render_entities_page(docs: Iterable[tuple[Article, Doc]]) -> str:
    """One section per article: its title, then its text with entities and quantities
    marked (a quantity inside an entity's span is left to the entity)."""
    sections = []
    for article, doc in docs:
        marks = [(ent.start_char, ent.end_char,
                  f"{ent.label_} · {(ent._.kg or {}).get('source', 'rule')}")
                 for ent in doc.ents]
        taken = [(start, end) for start, end, _ in marks]
        for q in doc._.kg_quantities or []:
            if not any(q.start < end and start < q.end for start, end in taken):
                marks.append((q.start, q.end, q.kind))
        marks.sort()
        sections.append({
            "text": doc.text,
            "ents": [{"start": s, "end": e, "label": label} for s, e, label in marks],
            "title": f"{article.id} {article.title or ''}".strip(),
        })
    return displacy.render(sections, style="ent", manual=True, page=True, jupyter=False,
                           options={"colors": LABEL_COLOURS})
