#!/usr/bin/python3
"""Prints one fenced block of README.md, chosen by its info string
(```procmail, ```maildrop, ```fetchmailrc, ```sh sendmail-smime), so the
tests run the README's recipes literally."""
import sys

readme, wanted = sys.argv[1], sys.argv[2]
lines = open(readme, encoding="utf-8").read().split("\n")
blocks = []
for i, line in enumerate(lines):
    if line.strip() == "```" + wanted:
        end = lines.index("```", i + 1)
        blocks.append("\n".join(lines[i + 1:end]) + "\n")
if len(blocks) != 1:
    sys.exit(f"README.md: {len(blocks)} blocks of ```{wanted}, want exactly 1")
sys.stdout.write(blocks[0])
