#!/usr/bin/env python3
"""Tamper with the CMS inside an S/MIME message written by `smime encrypt`
(EnvelopedData: the ciphertext ends the DER; AuthEnvelopedData: a 16-byte
mac ends it, right after the ciphertext).

tamper.py IN OUT MODE  with MODE one of
  cbc-last-block  flip the last bit of the second-last ciphertext block (breaks the padding)
  cbc-gadget      flip a bit in a ciphertext block well before the end (EFAIL: the
                  block decrypts to noise, the next one has that bit flipped)
  gcm-ciphertext  flip a bit of the last ciphertext byte
  gcm-tag         flip a bit of the tag
  truncate        cut the base64 body in half
  garbage         replace the body with base64 of random-looking bytes
  key             flip a bit in the middle of the first encrypted key (RSA)
"""
import base64, sys

src, dst, mode = sys.argv[1:4]
raw = open(src, 'rb').read()
sep = b'\r\n\r\n' if b'\r\n\r\n' in raw else b'\n\n'
head, body = raw.split(sep, 1)
der = bytearray(base64.b64decode(b''.join(body.split())))
if mode == 'cbc-last-block':
    der[-17] ^= 1
elif mode == 'cbc-gadget':
    der[-16 * 4] ^= 0x20
elif mode == 'gcm-ciphertext':
    der[-19] ^= 1
elif mode == 'gcm-tag':
    der[-1] ^= 1
elif mode == 'key':
    # the first OCTET STRING of 256 bytes (04 82 01 00) is the RSA-2048 encrypted key
    at = der.find(b'\x04\x82\x01\x00')
    der[at + 4 + 128] ^= 1
elif mode == 'garbage':
    der = bytearray(b'\x30\x80' + bytes(range(256)) * 4)
text = base64.encodebytes(bytes(der))
if mode == 'truncate':
    text = text[: len(text) // 2]
open(dst, 'wb').write(head + sep + text)
