"""Bytes to text for HTML pages, in the order browsers use.

Order: byte-order mark, then the HTTP ``charset``, then a ``<meta charset>`` /
``http-equiv`` declaration in the first 4 KB, then detection. Two corrections on top of the
plain order, because Norwegian municipal sites get them wrong often enough to matter:

* a legacy single-byte declaration (ISO-8859-1, windows-1252, ...) on a body that is valid
  UTF-8 with non-ASCII bytes is a wrong declaration: read UTF-8 (else "ø" becomes "Ã¸");
* a UTF-8 declaration on a body that is not valid UTF-8 falls through to detection (else "ø"
  becomes U+FFFD).

Detection without any declaration: valid UTF-8 is UTF-8; otherwise windows-1252 when it decodes
cleanly (what a browser in a Norwegian locale does, and what charset detectors get wrong on short
Norwegian texts), else charset_normalizer's guess. ISO-8859-1 is read as windows-1252, as the
WHATWG Encoding Standard prescribes. Undecodable bytes are replaced; this never raises.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""",
    re.IGNORECASE,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:+-]+)""")

# WHATWG: these labels all mean windows-1252.
_AS_1252 = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252"})
_SINGLE_BYTE_PREFIXES = ("cp", "iso8859", "latin", "mac", "koi8", "windows", "ascii", "tis")


def _codec(label: str) -> str | None:
    """Python codec name for an encoding label, or None when Python does not know it."""
    label = label.strip().strip("\"'").lower()
    if not label:
        return None
    if label in ("x-user-defined",):
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _AS_1252:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        # A UTF-16 label in an ASCII-compatible byte stream is a lie (WHATWG: use UTF-8).
        return "utf-8"
    return name


def _display(codec: str) -> str:
    return {"cp1252": "windows-1252", "utf-8-sig": "utf-8"}.get(codec, codec)


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(_SINGLE_BYTE_PREFIXES)


def _valid_utf8(body: bytes) -> bool:
    return _utf8_text(body) is not None


def _utf8_text(body: bytes) -> str | None:
    """The body as UTF-8 text, or None when it is not valid UTF-8 (decoded once, kept)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _meta_label(head: bytes) -> str | None:
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _detect(body: bytes) -> str:
    if _valid_utf8(body):
        return "utf-8"
    try:
        body.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        return "cp1252"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(body[:65536]).best()
    except Exception:  # a detector bug must not stop parsing
        best = None
    if best is not None:
        codec = _codec(str(best.encoding))
        if codec:
            return codec
    return "cp1252"


def decode_html(body: bytes, http_charset: str | None) -> tuple[str, str, list[str]]:
    """Decode an HTML body. Returns (text, encoding used, notes about what was odd)."""
    text, encoding, notes, _utf8 = decode_html_utf8(body, http_charset)
    return text, encoding, notes


def decode_html_utf8(
    body: bytes, http_charset: str | None
) -> tuple[str, str, list[str], bytes | None]:
    """:func:`decode_html`, plus the text's UTF-8 bytes when they are the body itself.

    The HTML parser scans those bytes; handing them back saves re-encoding a 100 KB page, and a
    valid UTF-8 body is decoded once, not once to validate and once to read.
    """
    notes: list[str] = []
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            text = body[len(bom) :].decode(bom_codec, "replace")
            return text, bom_codec, notes, None

    non_ascii = not body.isascii()
    declared: list[tuple[str, str]] = []  # (codec, where)
    if http_charset:
        c = _codec(http_charset)
        if c is None:
            notes.append(
                f"unknown charset {http_charset!r} in Content-Type; encoding detected instead"
            )
        else:
            declared.append((c, "Content-Type"))
    meta = _meta_label(body[:4096])
    if meta:
        c = _codec(meta)
        if c is None:
            notes.append(f"unknown charset {meta!r} in <meta>; encoding detected instead")
        else:
            declared.append((c, "<meta>"))

    codec: str | None = None
    utf8_text: str | None = None  # the body decoded as valid UTF-8, once known
    for c, where in declared:
        if not non_ascii:
            codec = c
            break
        if c == "utf-8":
            utf8_text = _utf8_text(body)
            if utf8_text is not None:
                codec = c
                break
            notes.append(f"{where} declares utf-8 but the bytes are not valid UTF-8")
            continue
        if _is_single_byte(c) and (utf8_text := _utf8_text(body)) is not None:
            notes.append(
                f"{where} declares {_display(c)} but the bytes are valid UTF-8; read as utf-8"
            )
            codec = "utf-8"
            break
        codec = c
        break
    if codec is None:
        if non_ascii:
            utf8_text = _utf8_text(body)
            codec = "utf-8" if utf8_text is not None else _detect(body)
        else:
            codec = "utf-8"
        if declared and codec != declared[0][0]:
            notes.append(f"encoding detected as {_display(codec)}")
    if codec == "utf-8" and utf8_text is not None:
        return utf8_text, "utf-8", notes, body
    try:
        text = body.decode(codec, "replace")
    except (LookupError, ValueError):  # a codec that exists but cannot decode (rare)
        notes.append(f"could not decode as {codec}; read as utf-8 with replacements")
        codec = "utf-8"
        text = body.decode("utf-8", "replace")
    if codec == "utf-8" and not non_ascii:
        return text, "utf-8", notes, body  # ASCII: the bytes are the text
    return text, _display(codec), notes, None
