#include "cms/content_cipher.hpp"

#include <algorithm>
#include <cstring>
#include <vector>
#include <utility>

#include <nettle/arctwo.h>
#include <nettle/cbc.h>
#include <nettle/memops.h>

#include <smime/error.hpp>

#include "tasn1/node.hpp"
#include "cms/oids.hpp"
#include "gnutls/handle.hpp"

namespace smime::cms {

namespace {
constexpr std::size_t k_stage = 1 << 16;  // bytes staged per cipher call (multiple of 16)

struct Spec {
    Cipher cipher;
    const char* oid;
    std::size_t key;
    std::size_t block;
    gnutls_cipher_algorithm_t gnutls;
};

constexpr Spec k_specs[] = {
    {Cipher::aes128_cbc, oid::aes128_cbc, 16, 16, GNUTLS_CIPHER_AES_128_CBC},
    {Cipher::aes192_cbc, oid::aes192_cbc, 24, 16, GNUTLS_CIPHER_AES_192_CBC},
    {Cipher::aes256_cbc, oid::aes256_cbc, 32, 16, GNUTLS_CIPHER_AES_256_CBC},
    {Cipher::aes128_gcm, oid::aes128_gcm, 16, 16, GNUTLS_CIPHER_AES_128_GCM},
    {Cipher::aes256_gcm, oid::aes256_gcm, 32, 16, GNUTLS_CIPHER_AES_256_GCM},
    {Cipher::des3_cbc, oid::des3_cbc, 24, 8, GNUTLS_CIPHER_3DES_CBC},
    {Cipher::rc2_cbc, oid::rc2_cbc, 16, 8, GNUTLS_CIPHER_UNKNOWN},
};

const Spec& spec(Cipher cipher) {
    for (const auto& s : k_specs) {
        if (s.cipher == cipher) {
            return s;
        }
    }
    throw Error(Errc::internal, "unknown cipher");
}

Bytes random_bytes(std::size_t n) {
    Bytes out(n);
    gtls::check(gnutls_rnd(GNUTLS_RND_NONCE, out.data(), n), "gnutls_rnd");
    return out;
}

// RFC 2268 rc2ParameterVersion <-> effective key bits.
unsigned rc2_bits_from_version(unsigned long version) {
    switch (version) {
    case 160: return 40;
    case 120: return 64;
    case 58: return 128;
    default: return version >= 256 ? static_cast<unsigned>(std::min(version, 1024UL)) : 32;
    }
}

unsigned long read_uint(asn1_node node, const std::string& name, unsigned long fallback) {
    auto value = tasn1::read_optional(node, name);
    if (!value || value->empty() || value->size() > 4) {
        return fallback;
    }
    unsigned long n = 0;
    for (auto b : *value) {
        n = (n << 8) | b;
    }
    return n;
}
}  // namespace

bool is_aead(Cipher cipher) noexcept { return cipher == Cipher::aes128_gcm || cipher == Cipher::aes256_gcm; }

std::size_t key_size(const ContentAlgorithm& alg) noexcept {
    if (alg.cipher == Cipher::rc2_cbc) {
        return std::max(5U, alg.rc2_bits / 8);
    }
    for (const auto& s : k_specs) {
        if (s.cipher == alg.cipher) {
            return s.key;
        }
    }
    return 32;
}

const char* cipher_oid(Cipher cipher) noexcept {
    for (const auto& s : k_specs) {
        if (s.cipher == cipher) {
            return s.oid;
        }
    }
    return oid::aes256_cbc;
}

ContentAlgorithm new_content_algorithm(Cipher cipher) {
    ContentAlgorithm alg;
    alg.cipher = cipher;
    alg.iv = random_bytes(is_aead(cipher) ? 12 : spec(cipher).block);
    alg.icv_len = 16;
    return alg;
}

Bytes encode_content_algorithm(const ContentAlgorithm& alg) {
    Bytes params;
    if (is_aead(alg.cipher)) {
        auto node = tasn1::make_node("CMS.GCMParameters");
        tasn1::write(node.get(), "nonce", alg.iv);
        tasn1::write(node.get(), "icvLen", std::to_string(alg.icv_len));
        params = tasn1::encode(node.get());
    } else if (alg.cipher == Cipher::rc2_cbc) {
        throw Error(Errc::usage, "RC2 is for decrypting old mail only");
    } else {
        append_tlv(params, 0x04, alg.iv);
    }
    return tasn1::algorithm_identifier(cipher_oid(alg.cipher), params);
}

ContentAlgorithm parse_content_algorithm(ByteView der) {
    auto node = tasn1::decode("CMS.AlgorithmIdentifier", der);
    std::string algorithm = tasn1::read_oid(node.get(), "algorithm");
    const Spec* found = nullptr;
    for (const auto& s : k_specs) {
        if (algorithm == s.oid) {
            found = &s;
        }
    }
    if (found == nullptr) {
        throw Error(Errc::parse, "unsupported content cipher " + algorithm);
    }
    ContentAlgorithm alg;
    alg.cipher = found->cipher;
    Bytes params = tasn1::read_bytes(node.get(), "parameters");
    if (is_aead(alg.cipher)) {
        auto gcm = tasn1::decode("CMS.GCMParameters", params);
        alg.iv = tasn1::read_bytes(gcm.get(), "nonce");
        alg.icv_len = read_uint(gcm.get(), "icvLen", 12);
        if (alg.iv.size() != 12 || alg.icv_len < 12 || alg.icv_len > 16) {
            throw Error(Errc::parse, "malformed CMS: bad GCM parameters");
        }
    } else if (alg.cipher == Cipher::rc2_cbc) {
        auto rc2 = tasn1::decode("CMS.RC2CBCParameter", params);
        alg.iv = tasn1::read_bytes(rc2.get(), "iv");
        alg.rc2_bits = rc2_bits_from_version(read_uint(rc2.get(), "rc2ParameterVersion", 0));
    } else {
        Tlv iv = read_tlv(params);
        if (iv.tag != 0x04) {
            throw Error(Errc::parse, "malformed CMS: bad IV");
        }
        alg.iv.assign(iv.content.begin(), iv.content.end());
    }
    if (!is_aead(alg.cipher) && alg.iv.size() != spec(alg.cipher).block) {
        throw Error(Errc::parse, "malformed CMS: bad IV length");
    }
    return alg;
}

std::size_t ciphertext_size(Cipher cipher, std::size_t plaintext_size) noexcept {
    if (is_aead(cipher)) {
        return plaintext_size;
    }
    std::size_t block = cipher == Cipher::des3_cbc || cipher == Cipher::rc2_cbc ? 8 : 16;
    return plaintext_size + block - plaintext_size % block;
}

struct ContentCipher::Impl {
    ContentAlgorithm alg;
    Direction direction;
    std::size_t block = 16;
    gtls::CipherHandle gnutls;   // AES, 3DES
    arctwo_ctx rc2{};            // RC2 (Nettle)
    Bytes rc2_iv;
    std::vector<std::uint8_t> stage = std::vector<std::uint8_t>(k_stage);
    std::uint8_t partial[16] = {};
    std::size_t partial_len = 0;

    // len is a multiple of the block size, except for the last GCM call.
    void run(const std::uint8_t* in, std::size_t len, std::uint8_t* out) {
        if (len == 0) {
            return;
        }
        if (alg.cipher == Cipher::rc2_cbc) {
            cbc_decrypt(&rc2, reinterpret_cast<nettle_cipher_func*>(arctwo_decrypt), 8, rc2_iv.data(), len, out, in);
            return;
        }
        if (direction == Direction::encrypt) {
            gtls::check(gnutls_cipher_encrypt2(gnutls.get(), in, len, out, len), "gnutls_cipher_encrypt2");
        } else {
            gtls::check(gnutls_cipher_decrypt2(gnutls.get(), in, len, out, len), "gnutls_cipher_decrypt2");
        }
    }
};

ContentCipher::ContentCipher(const ContentAlgorithm& alg, ByteView key, Direction direction)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->alg = alg;
    m_impl->direction = direction;
    if (alg.cipher == Cipher::rc2_cbc) {
        if (direction == Direction::encrypt) {
            throw Error(Errc::usage, "RC2 is for decrypting old mail only");
        }
        m_impl->block = 8;
        arctwo_set_key_ekb(&m_impl->rc2, key.size(), key.data(), alg.rc2_bits);
        m_impl->rc2_iv = alg.iv;
        return;
    }
    const Spec& s = spec(alg.cipher);
    if (key.size() != s.key) {
        throw Error(Errc::crypto, "content key has the wrong length");
    }
    m_impl->block = s.block;
    gnutls_cipher_hd_t raw = nullptr;
    gnutls_datum_t k = gtls::borrow(key);
    gnutls_datum_t iv = gtls::borrow(ByteView(alg.iv));
    gtls::check(gnutls_cipher_init(&raw, s.gnutls, &k, &iv), "gnutls_cipher_init");
    m_impl->gnutls.reset(raw);
}

ContentCipher::~ContentCipher() = default;

void ContentCipher::add_aad(ByteView aad) {
    gtls::check(gnutls_cipher_add_auth(m_impl->gnutls.get(), aad.data(), aad.size()), "gnutls_cipher_add_auth");
}

std::size_t ContentCipher::update(ByteView in, std::uint8_t* out) {
    Impl& m = *m_impl;
    std::size_t written = 0;
    if (m.partial_len > 0) {
        std::size_t take = std::min(in.size(), m.block - m.partial_len);
        std::memcpy(m.partial + m.partial_len, in.data(), take);
        m.partial_len += take;
        in = in.subspan(take);
        if (m.partial_len < m.block) {
            return 0;
        }
        m.run(m.partial, m.block, out);
        m.partial_len = 0;
        written += m.block;
    }
    while (in.size() >= m.block) {
        std::size_t len = std::min(in.size(), k_stage);
        len -= len % m.block;
        std::memcpy(m.stage.data(), in.data(), len);  // out may overlap in
        m.run(m.stage.data(), len, out + written);
        written += len;
        in = in.subspan(len);
    }
    std::memcpy(m.partial, in.data(), in.size());
    m.partial_len = in.size();
    return written;
}

std::size_t ContentCipher::finish(std::uint8_t* out) {
    Impl& m = *m_impl;
    if (is_aead(m.alg.cipher)) {
        m.run(m.partial, m.partial_len, out);
        return std::exchange(m.partial_len, 0);
    }
    if (m.direction == Direction::decrypt) {
        if (m.partial_len != 0) {
            throw Error(Errc::crypto, "ciphertext is not a whole number of blocks");
        }
        return 0;
    }
    auto pad = static_cast<std::uint8_t>(m.block - m.partial_len);
    std::memset(m.partial + m.partial_len, pad, pad);
    m.run(m.partial, m.block, out);
    m.partial_len = 0;
    return m.block;
}

Bytes ContentCipher::tag() {
    Bytes tag(16);
    gtls::check(gnutls_cipher_tag(m_impl->gnutls.get(), tag.data(), tag.size()), "gnutls_cipher_tag");
    tag.resize(m_impl->alg.icv_len);
    return tag;
}

std::optional<std::size_t> unpad(Cipher cipher, ByteView plaintext) noexcept {
    std::size_t block = cipher == Cipher::des3_cbc || cipher == Cipher::rc2_cbc ? 8 : 16;
    if (plaintext.size() < block || plaintext.size() % block != 0) {
        return std::nullopt;
    }
    ByteView last = plaintext.last(block);
    unsigned pad = last[block - 1];
    // Examine every byte of the last block whatever the pad value.
    unsigned bad = static_cast<unsigned>(pad == 0) | static_cast<unsigned>(pad > block);
    for (std::size_t i = 0; i < block; ++i) {
        unsigned in_pad = static_cast<unsigned>(block - i <= pad);
        bad |= in_pad & static_cast<unsigned>(last[i] != pad);
    }
    if (bad != 0) {
        return std::nullopt;
    }
    return plaintext.size() - pad;
}

}  // namespace smime::cms
