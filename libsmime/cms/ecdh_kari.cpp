#include "cms/ecdh_kari.hpp"

#include <nettle/aes.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <nettle/memops.h>
#include <nettle/nist-keywrap.h>

#include <smime/error.hpp>

#include "cms/nettle_util.hpp"
#include "cms/oids.hpp"

namespace smime::cms {

namespace {

const std::uint8_t k_wrap_iv[8] = {0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6};

const ecc_curve* nettle_curve(gnutls_ecc_curve_t curve) {
    switch (curve) {
    case GNUTLS_ECC_CURVE_SECP256R1: return nettle_get_secp_256r1();
    case GNUTLS_ECC_CURVE_SECP384R1: return nettle_get_secp_384r1();
    case GNUTLS_ECC_CURVE_SECP521R1: return nettle_get_secp_521r1();
    default: throw Error(Errc::crypto, "unsupported elliptic curve for encryption");
    }
}

std::size_t field_bytes(const ecc_curve* curve) { return (ecc_bit_size(curve) + 7) / 8; }

class Point {
public:
    explicit Point(const ecc_curve* curve) { ecc_point_init(&m_p, curve); }
    Point(const Point&) = delete;
    Point& operator=(const Point&) = delete;
    ~Point() { ecc_point_clear(&m_p); }
    ecc_point* get() noexcept { return &m_p; }
    // Uncompressed SEC 1 encoding 04 || X || Y.
    Bytes encode(std::size_t size) {
        Mpz x, y;
        ecc_point_get(&m_p, x.get(), y.get());
        Bytes out{0x04};
        Bytes xb = x.to_bytes(size), yb = y.to_bytes(size);
        out.insert(out.end(), xb.begin(), xb.end());
        out.insert(out.end(), yb.begin(), yb.end());
        return out;
    }
    bool set(ByteView x, ByteView y) { return ecc_point_set(&m_p, Mpz(x).get(), Mpz(y).get()) != 0; }

private:
    ecc_point m_p;
};

class Scalar {
public:
    explicit Scalar(const ecc_curve* curve) { ecc_scalar_init(&m_s, curve); }
    Scalar(const Scalar&) = delete;
    Scalar& operator=(const Scalar&) = delete;
    ~Scalar() { ecc_scalar_clear(&m_s); }
    ecc_scalar* get() noexcept { return &m_s; }

private:
    ecc_scalar m_s;
};

// Z = x(d * Q), as field-size bytes.
Bytes shared_secret(const ecc_curve* curve, ecc_scalar* d, ecc_point* q) {
    Point r(curve);
    ecc_point_mul(r.get(), d, q);
    Mpz x, y;
    ecc_point_get(r.get(), x.get(), y.get());
    return x.to_bytes(field_bytes(curve));
}

struct Scheme {
    const nettle_hash* kdf_hash = &nettle_sha256;
    std::string wrap_oid;
    std::size_t kek_size = 32;
};

Scheme parse_scheme(const tasn1::AlgorithmId& alg) {
    Scheme s;
    const std::string& o = alg.oid;
    if (o == oid::std_dh_sha1kdf || o == oid::cofactor_dh_sha1kdf) {
        s.kdf_hash = &nettle_sha1;
    } else if (o == oid::std_dh_sha224kdf || o == oid::cofactor_dh_sha224kdf) {
        s.kdf_hash = &nettle_sha224;
    } else if (o == oid::std_dh_sha256kdf || o == oid::cofactor_dh_sha256kdf) {
        s.kdf_hash = &nettle_sha256;
    } else if (o == oid::std_dh_sha384kdf || o == oid::cofactor_dh_sha384kdf) {
        s.kdf_hash = &nettle_sha384;
    } else if (o == oid::std_dh_sha512kdf || o == oid::cofactor_dh_sha512kdf) {
        s.kdf_hash = &nettle_sha512;
    } else {
        throw Error(Errc::parse, "unsupported key agreement scheme " + o);
    }
    // P-curves have cofactor 1: cofactor DH is standard DH.
    s.wrap_oid = tasn1::parse_algorithm(alg.parameters).oid;
    if (s.wrap_oid == oid::aes128_wrap) {
        s.kek_size = 16;
    } else if (s.wrap_oid == oid::aes192_wrap) {
        s.kek_size = 24;
    } else if (s.wrap_oid == oid::aes256_wrap) {
        s.kek_size = 32;
    } else {
        throw Error(Errc::parse, "unsupported key wrap algorithm " + s.wrap_oid);
    }
    return s;
}

// ANSI X9.63 KDF with ECC-CMS-SharedInfo (RFC 5753 7.2).
Bytes derive_kek(const Scheme& s, ByteView z, ByteView ukm) {
    auto info = tasn1::make_node("CMS.ECCCMSSharedInfo");
    tasn1::write_algorithm(info.get(), "keyInfo", {s.wrap_oid, {}});
    if (ukm.empty()) {
        tasn1::write_absent(info.get(), "entityUInfo");
    } else {
        tasn1::write(info.get(), "entityUInfo", ukm);
    }
    std::uint32_t bits = static_cast<std::uint32_t>(s.kek_size * 8);
    const std::uint8_t supp[4] = {static_cast<std::uint8_t>(bits >> 24), static_cast<std::uint8_t>(bits >> 16),
                                  static_cast<std::uint8_t>(bits >> 8), static_cast<std::uint8_t>(bits)};
    tasn1::write(info.get(), "suppPubInfo", supp);
    Bytes shared_info = tasn1::encode(info.get());
    Bytes kek;
    for (std::uint32_t counter = 1; kek.size() < s.kek_size; ++counter) {
        const std::uint8_t c[4] = {static_cast<std::uint8_t>(counter >> 24), static_cast<std::uint8_t>(counter >> 16),
                                   static_cast<std::uint8_t>(counter >> 8), static_cast<std::uint8_t>(counter)};
        Bytes block = HashState(s.kdf_hash).update(z).update(c).update(shared_info).digest();
        kek.insert(kek.end(), block.begin(), block.end());
    }
    kek.resize(s.kek_size);
    return kek;
}

Bytes aes_wrap(ByteView kek, ByteView key) {
    Bytes out(key.size() + 8);
    if (kek.size() == 16) {
        aes128_ctx ctx;
        aes128_set_encrypt_key(&ctx, kek.data());
        aes128_keywrap(&ctx, k_wrap_iv, out.size(), out.data(), key.data());
    } else if (kek.size() == 24) {
        aes192_ctx ctx;
        aes192_set_encrypt_key(&ctx, kek.data());
        aes192_keywrap(&ctx, k_wrap_iv, out.size(), out.data(), key.data());
    } else {
        aes256_ctx ctx;
        aes256_set_encrypt_key(&ctx, kek.data());
        aes256_keywrap(&ctx, k_wrap_iv, out.size(), out.data(), key.data());
    }
    return out;
}

bool aes_unwrap(ByteView kek, ByteView wrapped, Bytes& key) {
    key.assign(wrapped.size() - 8, 0);
    if (kek.size() == 16) {
        aes128_ctx ctx;
        aes128_set_decrypt_key(&ctx, kek.data());
        return aes128_keyunwrap(&ctx, k_wrap_iv, key.size(), key.data(), wrapped.data()) != 0;
    }
    if (kek.size() == 24) {
        aes192_ctx ctx;
        aes192_set_decrypt_key(&ctx, kek.data());
        return aes192_keyunwrap(&ctx, k_wrap_iv, key.size(), key.data(), wrapped.data()) != 0;
    }
    aes256_ctx ctx;
    aes256_set_decrypt_key(&ctx, kek.data());
    return aes256_keyunwrap(&ctx, k_wrap_iv, key.size(), key.data(), wrapped.data()) != 0;
}

}  // namespace

Bytes ecdh_recipient_info(gnutls_pubkey_t recipient, const RecipientId& rid, ByteView content_key) {
    gnutls_ecc_curve_t curve_id = GNUTLS_ECC_CURVE_INVALID;
    gtls::Datum x, y;
    gtls::check(gnutls_pubkey_export_ecc_raw2(recipient, &curve_id, x.out(), y.out(), 0),
                "gnutls_pubkey_export_ecc_raw2");
    const ecc_curve* curve = nettle_curve(curve_id);
    Point q(curve);
    if (!q.set(x.bytes(), y.bytes())) {
        throw Error(Errc::crypto, "recipient's EC public key is not on its curve");
    }
    Scalar ephemeral(curve);
    ecc_scalar_random(ephemeral.get(), nullptr, random_bytes);
    Point ephemeral_public(curve);
    ecc_point_mul_g(ephemeral_public.get(), ephemeral.get());

    Scheme s;
    s.kdf_hash = &nettle_sha256;
    s.wrap_oid = content_key.size() <= 16 ? oid::aes128_wrap : oid::aes256_wrap;
    s.kek_size = content_key.size() <= 16 ? 16 : 32;
    Bytes z = shared_secret(curve, ephemeral.get(), q.get());
    Bytes kek = derive_kek(s, z, {});
    Bytes wrapped = aes_wrap(kek, content_key);
    tasn1::AlgorithmId agreement{oid::std_dh_sha256kdf, tasn1::algorithm_identifier(s.wrap_oid)};
    return build_kari(rid, ephemeral_public.encode(field_bytes(curve)), agreement, wrapped);
}

UnwrappedKey ecdh_unwrap_key(gnutls_privkey_t key, const ParsedRecipient& recipient, std::size_t expected_size) {
    UnwrappedKey result;
    result.key.resize(expected_size);
    random_bytes(nullptr, expected_size, result.key.data());

    Scheme s = parse_scheme(recipient.key_algorithm);
    gnutls_ecc_curve_t curve_id = GNUTLS_ECC_CURVE_INVALID;
    gtls::Datum x, y, k;
    gtls::check(gnutls_privkey_export_ecc_raw2(key, &curve_id, x.out(), y.out(), k.out(), 0),
                "gnutls_privkey_export_ecc_raw2");
    const ecc_curve* curve = nettle_curve(curve_id);
    std::size_t size = field_bytes(curve);
    const Bytes& point = recipient.originator_point;
    Point q(curve);
    if (point.size() != 1 + 2 * size || point[0] != 0x04 ||
        !q.set(ByteView(point).subspan(1, size), ByteView(point).subspan(1 + size, size))) {
        return result;  // not a point on our curve: nothing to agree on
    }
    Scalar d(curve);
    if (ecc_scalar_set(d.get(), Mpz(k.bytes()).get()) == 0) {
        throw Error(Errc::crypto, "unusable EC private key");
    }
    Bytes z = shared_secret(curve, d.get(), q.get());
    Bytes kek = derive_kek(s, z, recipient.ukm);
    const Bytes& wrapped = recipient.encrypted_key;
    if (wrapped.size() != expected_size + 8 || wrapped.size() % 8 != 0) {
        return result;
    }
    Bytes unwrapped;
    bool ok = aes_unwrap(kek, wrapped, unwrapped);
    cnd_memcpy(static_cast<int>(ok), result.key.data(), unwrapped.data(), expected_size);
    result.ok = ok;
    return result;
}

}  // namespace smime::cms
