"""Exits 0 when the file is JSON: one value, or one object per line (the
--json and --status-fd forms), and not empty. Read as bytes and decoded as
strict UTF-8, so output that is not UTF-8 fails."""
import json
import sys

data = open(sys.argv[1], "rb").read().decode("utf-8")
if not data.strip():
    sys.exit("empty: " + sys.argv[1])
try:
    json.loads(data)
except json.JSONDecodeError:
    for number, line in enumerate(data.splitlines(), 1):
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"{sys.argv[1]}:{number}: not JSON ({e}): {line[:200]!r}")
        if not isinstance(value, dict):
            sys.exit(f"{sys.argv[1]}:{number}: not an object")
