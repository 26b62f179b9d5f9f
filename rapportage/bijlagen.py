"""Uploaded files of the end report: a register item's attachment (a poster or newsletter as image or PDF) and the
logos of a werkplaats's back page.

A file is checked by its content, not its name: an image must open as PNG or JPEG, a PDF must start as one and be
readable by pypdf. An attachment becomes page images when it is uploaded (a PDF page by page with poppler's
`pdftoppm`, an image re-encoded and scaled down), stored through Django's storage API; the report shows those pages
as `data:` images, so a frozen snapshot holds them and its PDF never depends on a file that may change later.
"""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_BYTES = 10 * 1024 * 1024  # an uploaded attachment
MAX_LOGO_BYTES = 2 * 1024 * 1024  # a logo of the back page
MAX_PDF_PAGINAS = 8
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
LANGE_ZIJDE = 1754  # px: A4 at 150 dpi, sharp enough in print, small enough to keep in a snapshot
PDFTOPPM_TIMEOUT = 60  # seconds

MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _inhoud(bestand: Any) -> bytes:
    bestand.seek(0)
    inhoud: bytes = bestand.read()
    bestand.seek(0)
    return inhoud


def _afbeelding(inhoud: bytes) -> Image.Image | None:
    """The image in `inhoud` when it is a PNG or JPEG within the size limit, else None."""
    try:
        with Image.open(io.BytesIO(inhoud)) as proef:
            if proef.format not in MIME:
                return None
            if proef.width * proef.height > MAX_PIXELS:
                return None
            proef.verify()
        afbeelding = Image.open(io.BytesIO(inhoud))
        afbeelding.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return afbeelding


def _pdf_paginas(inhoud: bytes) -> int | None:
    """The number of pages of a readable, unencrypted PDF, else None."""
    if inhoud.lstrip()[:5] != b"%PDF-":
        return None
    try:
        lezer = PdfReader(io.BytesIO(inhoud))
        if lezer.is_encrypted:
            return None
        return len(lezer.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return None


def soort(inhoud: bytes) -> str | None:
    """ "png", "jpeg" or "pdf" by the content, None when it is none of them (or broken)."""
    if inhoud.lstrip()[:5] == b"%PDF-":
        return "pdf" if _pdf_paginas(inhoud) else None
    afbeelding = _afbeelding(inhoud)
    return afbeelding.format.lower() if afbeelding is not None and afbeelding.format else None


def is_nieuw(bestand: Any) -> bool:
    """An upload not yet in the storage (a stored file was checked when it came in)."""
    return bool(bestand) and not getattr(bestand, "_committed", False)


def bestand_valideren(bestand: Any) -> None:
    """Model field validator of a register item's attachment: PNG, JPEG or PDF by content, within the limits."""
    if not is_nieuw(bestand):
        return
    if bestand.size > MAX_BYTES:
        raise ValidationError(
            _("Het bestand is te groot: ten hoogste %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}, code="grootte"
        )
    inhoud = _inhoud(bestand)
    gevonden = soort(inhoud)
    if gevonden is None:
        raise ValidationError(
            _("Dit bestand is geen afbeelding (PNG of JPEG) of PDF, of het is beschadigd."), code="soort"
        )
    if gevonden == "pdf" and (_pdf_paginas(inhoud) or 0) > MAX_PDF_PAGINAS:
        raise ValidationError(
            _("De PDF heeft te veel pagina's: ten hoogste %(n)s.") % {"n": MAX_PDF_PAGINAS}, code="paginas"
        )


def logo_valideren(bestand: Any) -> None:
    """Model field validator of a back page's logo: a PNG or JPEG image by content, within the limits."""
    if not is_nieuw(bestand):
        return
    if bestand.size > MAX_LOGO_BYTES:
        raise ValidationError(
            _("Het logo is te groot: ten hoogste %(mb)s MB.") % {"mb": MAX_LOGO_BYTES // (1024 * 1024)}, code="grootte"
        )
    if _afbeelding(_inhoud(bestand)) is None:
        raise ValidationError(_("Dit bestand is geen afbeelding (PNG of JPEG), of het is beschadigd."), code="soort")


def _verkleind(afbeelding: Image.Image) -> tuple[bytes, str]:
    """The image re-encoded (no metadata), its longer side at most LANGE_ZIJDE px: PNG stays PNG, else JPEG."""
    formaat = "PNG" if afbeelding.format == "PNG" else "JPEG"
    if max(afbeelding.size) > LANGE_ZIJDE:
        afbeelding = afbeelding.copy()
        afbeelding.thumbnail((LANGE_ZIJDE, LANGE_ZIJDE))
    if formaat == "JPEG" and afbeelding.mode not in ("RGB", "L"):
        afbeelding = afbeelding.convert("RGB")
    uit = io.BytesIO()
    afbeelding.save(uit, format=formaat, **({"quality": 85} if formaat == "JPEG" else {}))
    return uit.getvalue(), formaat.lower()


def _pdf_naar_afbeeldingen(inhoud: bytes) -> list[bytes]:
    """Every page of a PDF as a JPEG, its longer side LANGE_ZIJDE px (poppler's pdftoppm)."""
    with tempfile.TemporaryDirectory() as map_:
        bron = Path(map_) / "bijlage.pdf"
        bron.write_bytes(inhoud)
        try:
            subprocess.run(
                [
                    "pdftoppm",
                    "-jpeg",
                    "-jpegopt",
                    "quality=85",
                    "-scale-to",
                    str(LANGE_ZIJDE),
                    "-l",
                    str(MAX_PDF_PAGINAS),
                    str(bron),
                    str(Path(map_) / "pagina"),
                ],
                check=True,
                capture_output=True,
                timeout=PDFTOPPM_TIMEOUT,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as fout:
            raise ValidationError(
                {"bijlage_bestand": _("De pagina's van deze PDF konden niet worden gelezen.")}
            ) from fout
        # pdftoppm numbers the pages with as many digits as the last one needs: sorting the names keeps the order.
        return [pad.read_bytes() for pad in sorted(Path(map_).glob("pagina-*.jpg"))]


def paginas_maken(bestand: Any, *, map_: str, storage: Storage | None = None) -> list[str]:
    """The page images of an uploaded attachment, stored under `map_`; their storage names in page order.

    The names contain the hash of their content, so a page once stored is never overwritten: a snapshot that
    captured it and a later upload do not meet.
    """
    storage = storage or default_storage
    inhoud = _inhoud(bestand)
    if soort(inhoud) == "pdf":
        paginas = [(pagina, "jpeg") for pagina in _pdf_naar_afbeeldingen(inhoud)]
    else:
        afbeelding = _afbeelding(inhoud)
        if afbeelding is None:
            raise ValidationError({"bijlage_bestand": _("Dit bestand is geen afbeelding (PNG of JPEG) of PDF.")})
        paginas = [_verkleind(afbeelding)]
    if not paginas:
        raise ValidationError({"bijlage_bestand": _("Deze PDF heeft geen pagina's.")})
    namen = []
    for nummer, (pagina, formaat) in enumerate(paginas, start=1):
        code = hashlib.sha256(pagina).hexdigest()[:16]
        extensie = "png" if formaat == "png" else "jpg"
        naam = f"{map_}/pagina-{nummer}-{code}.{extensie}"
        if not storage.exists(naam):  # the same page again (the same file uploaded twice) is stored once
            naam = storage.save(naam, ContentFile(pagina))
        namen.append(naam)
    return namen


def data_url(naam: str, storage: Storage | None = None) -> str:
    """A stored image as a `data:` URL (the PDF fetches nothing else); "" when the file is gone."""
    storage = storage or default_storage
    try:
        with storage.open(naam, "rb") as handle:
            inhoud = handle.read()
    except (FileNotFoundError, OSError):
        return ""
    mime = "image/png" if inhoud[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(inhoud).decode('ascii')}"


def afbeeldingen(namen: list[str], titel: str) -> list[dict[str, str]]:
    """The pages of an attachment as the report prints them: `data:` URL and alt text (the title, and the page)."""
    urls = [url for url in (data_url(naam) for naam in namen) if url]
    if len(urls) == 1:
        return [{"src": urls[0], "alt": titel}]
    return [
        {"src": url, "alt": _("%(titel)s, pagina %(n)s van %(van)s") % {"titel": titel, "n": n, "van": len(urls)}}
        for n, url in enumerate(urls, start=1)
    ]
