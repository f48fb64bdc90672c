"""What every Word document of the site (python-docx) needs beyond the library: paragraphs that read
from right to left in Arabic."""

# The paragraph properties that come after w:bidi in the WordprocessingML schema's sequence.
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def right_to_left(word, keep=()) -> None:
    """Every paragraph, including those in tables, reads from right to left (w:bidi, at its place in
    the schema's order of paragraph properties), except the paragraphs in `keep` (a text in a
    left-to-right language quoted in an Arabic document)."""
    from docx.oxml import OxmlElement

    kept = {id(paragraph._p) for paragraph in keep}
    paragraphs = list(word.paragraphs) + [p for table in word.tables for row in table.rows for cell in row.cells
                                          for p in cell.paragraphs]
    for paragraph in paragraphs:
        if id(paragraph._p) not in kept:
            paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
