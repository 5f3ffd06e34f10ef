#!/usr/bin/python3
"""compare.py MODE DELIVERED ORIGINAL [EXPECTED]: what a mail filter
delivered, byte-compared with what went in.

  original   DELIVERED, without its top-level X-SMIME-* fields, is ORIGINAL
  contains   DELIVERED carries ORIGINAL verbatim (decrypt failure: attached;
             garbage: the delivery agent may add a header separator)
  content    DELIVERED ends with EXPECTED (the content a real peer, openssl
             cms, took out of ORIGINAL), header status ok
Never empty, never truncated: each mode checks the whole of what it names."""
import sys


def split_header(data: bytes):
    for sep in (b"\r\n\r\n", b"\n\n"):
        pos = data.find(sep)
        if pos >= 0:
            return data[:pos + len(sep) // 2], data[pos + len(sep) // 2:]
    return data, b""


def without_smime_fields(data: bytes) -> bytes:
    header, rest = split_header(data)
    out, skipping = [], False
    for line in header.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and skipping:
            continue
        skipping = line.lower().startswith(b"x-smime-")
        if not skipping:
            out.append(line)
    return b"".join(out) + rest


def main():
    mode, delivered_path, original_path = sys.argv[1:4]
    delivered = open(delivered_path, "rb").read()
    original = open(original_path, "rb").read()
    if not delivered:
        sys.exit("delivered mail is empty")
    # procmail ends a delivered mail with an empty line (mbox habit, also in
    # maildirs): one added line end is the delivery agent's, not smime's.
    if delivered.endswith(b"\n\n") and not original.endswith(b"\n\n"):
        delivered = delivered[:-1]
    if mode == "original":
        ok = without_smime_fields(delivered) == without_smime_fields(original)
    elif mode == "contains":
        ok = original in delivered
    elif mode == "content":
        expected = open(sys.argv[4], "rb").read()
        header, _ = split_header(delivered)
        ok = delivered.replace(b"\r\n", b"\n").endswith(expected.replace(b"\r\n", b"\n")) and b": ok" in header
    else:
        sys.exit("unknown mode " + mode)
    if not ok:
        sys.stderr.write(f"--- delivered ({len(delivered)} bytes), first 600:\n")
        sys.stderr.write(delivered[:600].decode("utf-8", "replace"))
        sys.exit(f"delivered mail is not the {mode} form of {original_path}")


main()
