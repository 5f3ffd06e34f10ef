// ECDH ephemeral-static key agreement (RFC 5753) for P-256/384/521:
// X9.63 KDF over ECC-CMS-SharedInfo and AES key wrap (RFC 3394), on Nettle.
#pragma once

#include "cms/recipient_info.hpp"
#include "cms/rsa_ktri.hpp"
#include "gnutls/handle.hpp"

namespace smime::cms {

// Wraps the content key for an EC recipient: a fresh ephemeral key, its
// point and the wrapped key, as a KeyAgreeRecipientInfo (RecipientInfo DER).
Bytes ecdh_recipient_info(gnutls_pubkey_t recipient, const RecipientId& rid, ByteView content_key);

// Unwraps with the recipient's EC private key; on failure the key is random
// bytes of the expected size (as rsa_unwrap_key).
UnwrappedKey ecdh_unwrap_key(gnutls_privkey_t key, const ParsedRecipient& recipient, std::size_t expected_size);

}  // namespace smime::cms
