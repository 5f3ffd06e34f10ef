// Small owners and helpers for Nettle/GMP values used by key transport and
// key agreement (header-only; each used from one or two files).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <gnutls/crypto.h>
#include <nettle/bignum.h>
#include <nettle/nettle-meta.h>

#include <smime/cert_info.hpp>

namespace smime::cms {

// An mpz_t initialized at birth and cleared at death.
class Mpz {
public:
    Mpz() { mpz_init(m_value); }
    explicit Mpz(std::span<const std::uint8_t> big_endian) {
        mpz_init(m_value);
        nettle_mpz_set_str_256_u(m_value, big_endian.size(), big_endian.data());
    }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    ~Mpz() { mpz_clear(m_value); }
    mpz_ptr get() noexcept { return m_value; }
    mpz_srcptr get() const noexcept { return m_value; }
    // Big-endian, left-padded with zeros to size bytes.
    Bytes to_bytes(std::size_t size) const {
        Bytes out(size);
        nettle_mpz_get_str_256(size, out.data(), m_value);
        return out;
    }

private:
    mpz_t m_value;
};

// Nettle's random callback over GnuTLS's generator.
inline void random_bytes(void*, std::size_t length, std::uint8_t* dst) {
    gnutls_rnd(GNUTLS_RND_RANDOM, dst, length);
}

// One-shot hash with a Nettle hash description; a context usable by pss_mgf1.
class HashState {
public:
    explicit HashState(const nettle_hash* hash)
        : m_hash(hash), m_ctx((hash->context_size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t)) {
        hash->init(m_ctx.data());
    }
    HashState& update(std::span<const std::uint8_t> data) {
        m_hash->update(m_ctx.data(), data.size(), data.data());
        return *this;
    }
    Bytes digest() {
        Bytes out(m_hash->digest_size);
        m_hash->digest(m_ctx.data(), out.size(), out.data());
        return out;
    }
    const void* context() const noexcept { return m_ctx.data(); }

private:
    const nettle_hash* m_hash;
    std::vector<std::max_align_t> m_ctx;
};

}  // namespace smime::cms
