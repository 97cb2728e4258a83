"""A page's record as one ZIP, for a legal request: every entry's HTML and
metadata, the hash chain, the result of verifying it, and a checksum list."""

import io
import json
import zipfile
from datetime import UTC

from django.utils import timezone

from record import chain
from record.models import Entry

README = """发布存档导出 / Record export

page {page_id}, {count} entries, exported {exported} (UTC).

entries/NNNN-<event>.html  what readers were shown (the <article> element)
entries/NNNN-<event>.json  the entry: event, time, person, metadata, hashes
chain.json                 every entry's hashes, in order, and the check result
SHA256SUMS                 the SHA-256 of every file above

How the hashes are made (record/chain.py):
content_sha256 = SHA-256 of the JSON {{"html": <html>, "metadata": <metadata>}}
  written with sorted keys, no spaces, UTF-8, non-ASCII as is;
entry_sha256   = SHA-256 of the same kind of JSON of page_id, sequence, event,
  created_at and retained_until (UTC, ISO 8601), revision_id, user_id,
  user_name, status, content_sha256 and previous_sha256;
previous_sha256 of each entry is the entry_sha256 of the one before ("" for
the first). Check result: {result}
"""


def entry_document(entry) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{entry.sequence}</title></head><body>\n{entry.html}\n</body></html>\n"
    )


def entry_data(entry) -> dict:
    return {
        "page_id": entry.page_id,
        "sequence": entry.sequence,
        "event": entry.event,
        "created_at": chain.utc_iso(entry.created_at),
        "retained_until": chain.utc_iso(entry.retained_until),
        "revision_id": entry.revision_id,
        "user_id": entry.user_id,
        "user_name": entry.user_name,
        "status": entry.status,
        "html": entry.html,
        "metadata": entry.metadata,
        "content_sha256": entry.content_sha256,
        "previous_sha256": entry.previous_sha256,
        "entry_sha256": entry.entry_sha256,
    }


def export_zip(page_id: int) -> bytes:
    entries = list(Entry.objects.filter(page_id=page_id).order_by("sequence"))
    broken = chain.verify_page(entries)
    result = f"broken: {broken}" if broken else "intact"
    files = {}
    for entry in entries:
        stem = f"entries/{entry.sequence:04d}-{entry.event}"
        files[f"{stem}.html"] = entry_document(entry)
        files[f"{stem}.json"] = json.dumps(
            entry_data(entry), ensure_ascii=False, indent=2, sort_keys=True
        )
    files["chain.json"] = json.dumps(
        {
            "page_id": page_id,
            "result": result,
            "entries": [
                {
                    key: entry_data(entry)[key]
                    for key in (
                        "sequence",
                        "event",
                        "created_at",
                        "content_sha256",
                        "previous_sha256",
                        "entry_sha256",
                    )
                }
                for entry in entries
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
    files["README.txt"] = README.format(
        page_id=page_id,
        count=len(entries),
        exported=timezone.now().astimezone(UTC).isoformat(),
        result=result,
    )
    sums = "".join(
        f"{chain.sha256(content)}  {name}\n" for name, content in sorted(files.items())
    )
    files["SHA256SUMS"] = sums
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
