"""Cached pages sent gzip-compressed, with nothing compressed per request but
the holes.

A cached page is kept as pieces: the text between its holes, each piece as
its bytes and compressed on its own, ended with a full flush so that it
refers to nothing before it. A request compresses only its own hole values
(a CSRF token, a basket count: a few dozen bytes) the same way and joins the
pieces into one gzip stream, or the plain bytes for a client that does not
take gzip; the page is never searched or copied whole. That costs a few
microseconds, where compressing a 20 kB page costs half a millisecond.

Each hole value is compressed apart from the page, so a secret in it (the
CSRF token) shares no compression context with text a visitor can put on
the page (a search's words): the length of the response says nothing of it
(BREACH).
"""

import re
import struct
import zlib

from django.utils.cache import patch_vary_headers

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# gzip's header: deflate, no flags, no time, no extra flags, unknown system.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# A final empty block ends the deflate stream.
LAST_BLOCK = b"\x03\x00"
LEVEL = 6


def deflated(data: bytes) -> bytes:
    """data as raw deflate blocks that stand alone (a full flush, no final
    block), to be joined with others into one stream."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def pieces(html: str, holes: re.Pattern) -> tuple:
    """The page split at its holes, in order: each text as its (compressed,
    plain) bytes, each hole by its name (str)."""
    return tuple(
        piece if index % 2 else _text(piece)
        for index, piece in enumerate(holes.split(html))
    )


def _text(text: str) -> tuple[bytes, bytes]:
    data = text.encode()
    return deflated(data), data


def hole_names(kept: tuple) -> frozenset:
    return frozenset(piece for piece in kept if isinstance(piece, str))


def gzip_body(kept: tuple, values: dict[str, str]) -> bytes:
    """The gzip stream of the page whose pieces are kept, with values in its
    holes: only the values are compressed, and the checksum runs on."""
    filled = {name: _text(value) for name, value in values.items()}
    blocks, crc, size = [], 0, 0
    for piece in kept:
        block, data = filled[piece] if isinstance(piece, str) else piece
        blocks.append(block)
        crc = zlib.crc32(data, crc)
        size += len(data)
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return GZIP_HEADER + b"".join(blocks) + LAST_BLOCK + trailer


def plain_body(kept: tuple, values: dict[str, str]) -> bytes:
    return b"".join(
        values[piece].encode() if isinstance(piece, str) else piece[1] for piece in kept
    )


def set_content(request, response, kept: tuple, values: dict) -> None:
    """response's body: compressed when the browser takes gzip."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response.content = gzip_body(kept, values)
        response["Content-Encoding"] = "gzip"
    else:
        response.content = plain_body(kept, values)
