"""The buyer's e-mail in a footer line of every page of a delivered PDF."""

import io

from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import Color
from reportlab.pdfgen import canvas

FOOTER_GREY = Color(0.4, 0.4, 0.4)


def stamp_pdf(source, *, email: str) -> bytes:
    """A copy of the PDF in `source` (a file object) with the footer added."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        width = float(page.mediabox.width)
        height = float(page.mediabox.height)
        page.merge_page(_footer(width, height, f"Licensed to {email}"))
    writer.add_metadata({"/Subject": f"Licensed to {email}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _footer(width, height, text):
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=(width, height))
    drawing.setFont("Helvetica", 7)
    drawing.setFillColor(FOOTER_GREY)
    drawing.drawCentredString(width / 2, 12, text)
    drawing.save()
    buffer.seek(0)
    return PdfReader(buffer).pages[0]
