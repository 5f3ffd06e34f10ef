// RSA key transport (KeyTransRecipientInfo): PKCS#1 v1.5 and RSA-OAEP
// (SHA-1/224/256/384/512, with or without a label), on Nettle's blinded RSA.
#pragma once

#include <optional>

#include "tasn1/node.hpp"
#include "tasn1/ber.hpp"
#include "gnutls/handle.hpp"

namespace smime::cms {

// keyEncryptionAlgorithm: rsaEncryption, or RSAES-OAEP with SHA-256 and MGF1-SHA-256.
tasn1::AlgorithmId rsa_key_encryption_algorithm(bool oaep);

// Encrypts the content key to the certificate's RSA public key.
Bytes rsa_wrap_key(gnutls_pubkey_t recipient, ByteView content_key, bool oaep);

// The result of unwrapping: on failure, key holds random bytes of the
// expected size so the caller runs the same steps either way (no oracle).
struct UnwrappedKey {
    Bytes key;
    bool ok = false;
};

// expected_size: the content cipher's key size (PKCS#1 v1.5 needs it up front).
UnwrappedKey rsa_unwrap_key(gnutls_privkey_t key, const tasn1::AlgorithmId& key_encryption_algorithm, ByteView encrypted_key,
                            std::size_t expected_size);

}  // namespace smime::cms
