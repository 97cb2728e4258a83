"""Whether a multipart/form-data body's fields are UTF-8.

Django decodes every multipart field value with errors="replace", so a
value in GBK or Latin-1 arrives in the view as replacement characters and
would be stored so. The url-encoded body is checked as bytes
(security.middleware.is_clean); this checks a multipart body's field values
as bytes the same way, reading the parts with Django's own multipart
primitives, as its parser does (part headers, and so field and file names,
are decoded strictly by Django already: a part whose header is not UTF-8 is
dropped). File contents are not text and are not looked at."""

import base64
import binascii
from io import BytesIO

from django.conf import settings
from django.http.multipartparser import (
    FIELD,
    ChunkIter,
    LazyStream,
    MultiPartParserError,
    Parser,
    exhaust,
)
from django.utils.http import parse_header_parameters

REPLACEMENT = "\ufffd"


def multipart_is_utf8(request) -> bool:
    """Every field value of the request's multipart body is UTF-8.

    A body within DATA_UPLOAD_MAX_MEMORY_SIZE is read here (Django then
    parses that same copy); its fields are checked as bytes. A bigger one
    carries files, whose data Django streams to disk and which cannot be
    read twice: its fields are checked after Django's parse, and one that
    came out with a replacement character is taken for undecodable."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if limit is not None and length > limit:
        return not any(
            REPLACEMENT in value
            for _name, values in request.POST.lists()
            for value in values
        )
    boundary = _boundary(request.META.get("CONTENT_TYPE", ""))
    if boundary is None:
        return True  # Django's own parser refuses it (400)
    try:
        return fields_are_utf8(request.body, boundary)
    except MultiPartParserError:
        return True  # malformed: Django's own parser answers it (400)


def fields_are_utf8(body: bytes, boundary: bytes) -> bool:
    stream = LazyStream(ChunkIter(BytesIO(body), 64 * 1024))
    for item_type, meta_data, field_stream in Parser(stream, boundary):
        if item_type != FIELD:
            exhaust(field_stream)
            continue
        data = field_stream.read()
        encoding = meta_data.get("content-transfer-encoding")
        if encoding is not None and encoding[0].strip() == "base64":
            try:
                data = base64.b64decode(data)
            except binascii.Error:
                pass  # Django keeps the undecoded bytes too
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def _boundary(content_type: str) -> bytes | None:
    try:
        _, options = parse_header_parameters(content_type)
    except ValueError:
        return None
    boundary = options.get("boundary")
    if not boundary:
        return None
    try:
        return boundary.encode("ascii")
    except UnicodeEncodeError:
        return None
