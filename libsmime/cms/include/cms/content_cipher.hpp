// Content encryption of CMS: the algorithm identifier (cipher, IV/nonce,
// GCM tag length, RC2 key bits) and a streaming cipher over it. AES and 3DES
// run on GnuTLS, RC2 (decryption of old mail only) on Nettle.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include <smime/cipher.hpp>

#include "tasn1/ber.hpp"

namespace smime::cms {

struct ContentAlgorithm {
    Cipher cipher = Cipher::aes256_cbc;
    Bytes iv;                   // CBC IV or GCM nonce
    std::size_t icv_len = 16;   // GCM tag length
    unsigned rc2_bits = 128;    // RC2 effective key bits
};

bool is_aead(Cipher cipher) noexcept;
std::size_t key_size(const ContentAlgorithm& alg) noexcept;
const char* cipher_oid(Cipher cipher) noexcept;

// A fresh random IV/nonce for a cipher (GCM: 12-byte nonce, 16-byte tag).
ContentAlgorithm new_content_algorithm(Cipher cipher);
// AlgorithmIdentifier DER <-> ContentAlgorithm; unknown ciphers throw Error{Errc::parse}.
Bytes encode_content_algorithm(const ContentAlgorithm& alg);
ContentAlgorithm parse_content_algorithm(ByteView algorithm_identifier_der);

// Ciphertext length for a plaintext length (CBC adds 1..block bytes of padding).
std::size_t ciphertext_size(Cipher cipher, std::size_t plaintext_size) noexcept;

// One pass of encryption or decryption. update() may be given any number of
// bytes; it writes whole blocks to out and returns how many. out may be the
// same memory as in or lie before it (decrypting in place into the buffer
// the ciphertext came in): input is staged through a private buffer.
class ContentCipher {
public:
    enum class Direction { encrypt, decrypt };
    ContentCipher(const ContentAlgorithm& alg, ByteView key, Direction direction);
    ~ContentCipher();
    ContentCipher(const ContentCipher&) = delete;
    ContentCipher& operator=(const ContentCipher&) = delete;

    // GCM: additional authenticated data, before any update().
    void add_aad(ByteView aad);
    std::size_t update(ByteView in, std::uint8_t* out);
    // Encrypt: pads (CBC) and writes the last bytes. Decrypt: writes what is
    // left (GCM); for CBC, the caller strips padding with unpad().
    std::size_t finish(std::uint8_t* out);
    // GCM: the tag, after finish(); icv_len bytes.
    Bytes tag();

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

// CBC: the plaintext length without padding, or nullopt when the padding is
// wrong (the caller reports the same reason as for every other failure).
std::optional<std::size_t> unpad(Cipher cipher, ByteView plaintext) noexcept;

}  // namespace smime::cms
