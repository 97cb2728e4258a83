"""The hash chain of an article's record.

Each entry has the SHA-256 of its content (the HTML and the metadata) and of
the entry before it for the same page; its own hash covers both, its event,
time, revision and person. Changing any stored byte of an entry, or leaving
one out, breaks the chain from there on: `verify` finds the first break."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC


def canonical_json(data) -> str:
    """One spelling of a value: sorted keys, no spaces, Unicode as is (so a
    dict hashes the same read back from SQLite or PostgreSQL's jsonb)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_value(data):
    """The value as it reads back from the database (tuples as lists…)."""
    return json.loads(canonical_json(data))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def utc_iso(value) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def content_hash(html: str, metadata: dict) -> str:
    return sha256(canonical_json({"html": html, "metadata": metadata}))


def entry_hash(entry) -> str:
    return sha256(
        canonical_json(
            {
                "page_id": entry.page_id,
                "sequence": entry.sequence,
                "event": entry.event,
                "created_at": utc_iso(entry.created_at),
                "retained_until": utc_iso(entry.retained_until),
                "revision_id": entry.revision_id,
                "user_id": entry.user_id,
                "user_name": entry.user_name,
                "status": entry.status,
                "content_sha256": entry.content_sha256,
                "previous_sha256": entry.previous_sha256,
            }
        )
    )


@dataclass
class Break:
    page_id: int
    sequence: int
    entry_id: int | None
    reason: str

    def __str__(self):
        return (
            f"page {self.page_id}, entry #{self.sequence} (id {self.entry_id}): "
            f"{self.reason}"
        )


def verify_page(entries) -> Break | None:
    """The first break in one page's entries (in sequence order), or None."""
    previous = None
    for entry in entries:
        expected_sequence = 1 if previous is None else previous.sequence + 1
        where = (entry.page_id, entry.sequence, entry.pk)
        if entry.sequence != expected_sequence:
            return Break(
                *where,
                f"entry #{expected_sequence} is missing (found #{entry.sequence})",
            )
        if content_hash(entry.html, entry.metadata) != entry.content_sha256:
            return Break(*where, "the content does not match its hash")
        expected_previous = previous.entry_sha256 if previous else ""
        if entry.previous_sha256 != expected_previous:
            return Break(*where, "the link to the previous entry does not match")
        if entry_hash(entry) != entry.entry_sha256:
            return Break(*where, "the entry does not match its hash")
        previous = entry
    return None
