#include "cms/rsa_ktri.hpp"

#include <nettle/memops.h>
#include <nettle/pss-mgf1.h>
#include <nettle/rsa.h>

#include <smime/error.hpp>

#include "tasn1/node.hpp"
#include "cms/nettle_util.hpp"
#include "cms/oids.hpp"

namespace smime::cms {

namespace {

const nettle_hash* hash_for(const std::string& algorithm) {
    if (algorithm == oid::sha1) return &nettle_sha1;
    if (algorithm == oid::sha224) return &nettle_sha224;
    if (algorithm == oid::sha256) return &nettle_sha256;
    if (algorithm == oid::sha384) return &nettle_sha384;
    if (algorithm == oid::sha512) return &nettle_sha512;
    throw Error(Errc::parse, "unsupported OAEP hash " + algorithm);
}

struct OaepParams {
    const nettle_hash* hash = &nettle_sha1;
    const nettle_hash* mgf_hash = &nettle_sha1;
    Bytes label;
};

OaepParams parse_oaep_params(const Bytes& der) {
    OaepParams params;
    if (der.empty() || der[0] == 0x05) {  // absent or NULL: all defaults
        return params;
    }
    auto node = tasn1::decode("CMS.RSAESOAEPParams", der);
    if (tasn1::read_optional(node.get(), "hashFunc.algorithm")) {
        params.hash = hash_for(tasn1::read_oid(node.get(), "hashFunc.algorithm"));
    }
    if (tasn1::read_optional(node.get(), "maskGenFunc.algorithm")) {
        if (tasn1::read_oid(node.get(), "maskGenFunc.algorithm") != oid::mgf1) {
            throw Error(Errc::parse, "unsupported OAEP mask generation function");
        }
        auto mgf = tasn1::decode("CMS.AlgorithmIdentifier", tasn1::read_bytes(node.get(), "maskGenFunc.parameters"));
        params.mgf_hash = hash_for(tasn1::read_oid(mgf.get(), "algorithm"));
    }
    if (tasn1::read_optional(node.get(), "pSourceFunc.algorithm")) {
        if (tasn1::read_oid(node.get(), "pSourceFunc.algorithm") != oid::p_specified) {
            throw Error(Errc::parse, "unsupported OAEP label source");
        }
        Bytes label = tasn1::read_bytes(node.get(), "pSourceFunc.parameters");
        Tlv tlv = read_tlv(label);
        if (tlv.tag != 0x04) {
            throw Error(Errc::parse, "malformed OAEP label");
        }
        params.label.assign(tlv.content.begin(), tlv.content.end());
    }
    return params;
}

Bytes mgf1(const nettle_hash* hash, ByteView seed, std::size_t length) {
    HashState state(hash);
    state.update(seed);
    Bytes mask(length);
    pss_mgf1(state.context(), hash, length, mask.data());
    return mask;
}

// Nettle RSA keys from a GnuTLS private key; CRT values recomputed from p, q, d.
class NettleRsa {
public:
    explicit NettleRsa(gnutls_privkey_t key) {
        rsa_public_key_init(&m_pub);
        rsa_private_key_init(&m_priv);
        gtls::Datum n, e, d, p, q, u, e1, e2;
        gtls::check(gnutls_privkey_export_rsa_raw2(key, n.out(), e.out(), d.out(), p.out(), q.out(), u.out(),
                                                   e1.out(), e2.out(), 0),
                    "gnutls_privkey_export_rsa_raw2");
        nettle_mpz_set_str_256_u(m_pub.n, n.bytes().size(), n.bytes().data());
        nettle_mpz_set_str_256_u(m_pub.e, e.bytes().size(), e.bytes().data());
        nettle_mpz_set_str_256_u(m_priv.d, d.bytes().size(), d.bytes().data());
        nettle_mpz_set_str_256_u(m_priv.p, p.bytes().size(), p.bytes().data());
        nettle_mpz_set_str_256_u(m_priv.q, q.bytes().size(), q.bytes().data());
        Mpz pm1, qm1;
        mpz_sub_ui(pm1.get(), m_priv.p, 1);
        mpz_sub_ui(qm1.get(), m_priv.q, 1);
        mpz_fdiv_r(m_priv.a, m_priv.d, pm1.get());
        mpz_fdiv_r(m_priv.b, m_priv.d, qm1.get());
        if (mpz_invert(m_priv.c, m_priv.q, m_priv.p) == 0 || rsa_public_key_prepare(&m_pub) == 0 ||
            rsa_private_key_prepare(&m_priv) == 0) {
            throw Error(Errc::crypto, "unusable RSA private key");
        }
    }
    NettleRsa(const NettleRsa&) = delete;
    NettleRsa& operator=(const NettleRsa&) = delete;
    ~NettleRsa() {
        rsa_private_key_clear(&m_priv);
        rsa_public_key_clear(&m_pub);
    }
    const rsa_public_key* pub() const noexcept { return &m_pub; }
    const rsa_private_key* priv() const noexcept { return &m_priv; }

private:
    rsa_public_key m_pub;
    rsa_private_key m_priv;
};

// RFC 8017 7.1.2 EME-OAEP decoding; examines every byte whatever happens.
UnwrappedKey oaep_decode(const OaepParams& params, ByteView em, std::size_t expected_size) {
    UnwrappedKey result;
    result.key.resize(expected_size);
    random_bytes(nullptr, expected_size, result.key.data());
    std::size_t h = params.hash->digest_size;
    if (em.size() < 2 * h + 2) {
        return result;
    }
    ByteView masked_seed = em.subspan(1, h);
    ByteView masked_db = em.subspan(1 + h);
    Bytes seed = mgf1(params.mgf_hash, masked_db, h);
    for (std::size_t i = 0; i < h; ++i) {
        seed[i] ^= masked_seed[i];
    }
    Bytes db = mgf1(params.mgf_hash, seed, masked_db.size());
    for (std::size_t i = 0; i < db.size(); ++i) {
        db[i] ^= masked_db[i];
    }
    Bytes label_hash = HashState(params.hash).update(params.label).digest();
    unsigned good = static_cast<unsigned>(em[0] == 0) & static_cast<unsigned>(memeql_sec(db.data(), label_hash.data(), h));
    // After lHash: zeros, then 0x01, then the message.
    std::size_t one_at = 0;
    unsigned looking = 1;
    for (std::size_t i = h; i < db.size(); ++i) {
        unsigned is_one = static_cast<unsigned>(db[i] == 1);
        unsigned is_zero = static_cast<unsigned>(db[i] == 0);
        one_at = (looking & is_one) ? i : one_at;
        good &= ~(looking & ~is_one & ~is_zero) & 1U;
        looking &= ~is_one & 1U;
    }
    good &= ~looking & 1U;
    good &= static_cast<unsigned>(db.size() - one_at - 1 == expected_size);
    cnd_memcpy(static_cast<int>(good), result.key.data(), db.data() + (db.size() - expected_size), expected_size);
    result.ok = good != 0;
    return result;
}

}  // namespace

tasn1::AlgorithmId rsa_key_encryption_algorithm(bool oaep) {
    if (!oaep) {
        return {oid::rsa_encryption, Bytes{0x05, 0x00}};
    }
    auto params = tasn1::make_node("CMS.RSAESOAEPParams");
    tasn1::write(params.get(), "hashFunc.algorithm", std::string(oid::sha256));
    tasn1::write_absent(params.get(), "hashFunc.parameters");
    tasn1::write(params.get(), "maskGenFunc.algorithm", std::string(oid::mgf1));
    tasn1::write(params.get(), "maskGenFunc.parameters", tasn1::algorithm_identifier(oid::sha256));
    tasn1::write_absent(params.get(), "pSourceFunc");
    return {oid::rsaes_oaep, tasn1::encode(params.get())};
}

Bytes rsa_wrap_key(gnutls_pubkey_t recipient, ByteView content_key, bool oaep) {
    if (!oaep) {
        gnutls_datum_t plain = gtls::borrow(content_key);
        gtls::Datum out;
        gtls::check(gnutls_pubkey_encrypt_data(recipient, 0, &plain, out.out()), "gnutls_pubkey_encrypt_data");
        return Bytes(out.bytes().begin(), out.bytes().end());
    }
    gtls::Datum n_datum, e_datum;
    gtls::check(gnutls_pubkey_export_rsa_raw2(recipient, n_datum.out(), e_datum.out(), 0),
                "gnutls_pubkey_export_rsa_raw2");
    Mpz n(n_datum.bytes()), e(e_datum.bytes());
    std::size_t k = nettle_mpz_sizeinbase_256_u(n.get());
    const nettle_hash* hash = &nettle_sha256;
    std::size_t h = hash->digest_size;
    if (content_key.size() > k - 2 * h - 2) {
        throw Error(Errc::crypto, "RSA key too small for OAEP");
    }
    // DB = lHash || PS || 01 || M
    Bytes db = HashState(hash).digest();
    db.resize(k - h - 1 - content_key.size() - 1, 0);
    db.push_back(1);
    db.insert(db.end(), content_key.begin(), content_key.end());
    Bytes seed(h);
    random_bytes(nullptr, h, seed.data());
    Bytes db_mask = mgf1(hash, seed, db.size());
    for (std::size_t i = 0; i < db.size(); ++i) {
        db[i] ^= db_mask[i];
    }
    Bytes seed_mask = mgf1(hash, db, h);
    Bytes em{0};
    for (std::size_t i = 0; i < h; ++i) {
        em.push_back(seed[i] ^ seed_mask[i]);
    }
    em.insert(em.end(), db.begin(), db.end());
    Mpz m(em), c;
    mpz_powm(c.get(), m.get(), e.get(), n.get());
    return c.to_bytes(k);
}

UnwrappedKey rsa_unwrap_key(gnutls_privkey_t key, const tasn1::AlgorithmId& alg, ByteView encrypted_key,
                            std::size_t expected_size) {
    const std::string& algorithm = alg.oid;
    NettleRsa rsa(key);
    Mpz ciphertext(encrypted_key);
    if (algorithm == oid::rsa_encryption) {
        UnwrappedKey result;
        result.key.resize(expected_size);
        random_bytes(nullptr, expected_size, result.key.data());
        // Writes the key only on success; on failure the random bytes stay.
        Bytes out(expected_size);
        int ok = rsa_sec_decrypt(rsa.pub(), rsa.priv(), nullptr, random_bytes, expected_size, out.data(),
                                 ciphertext.get());
        cnd_memcpy(ok, result.key.data(), out.data(), expected_size);
        result.ok = ok != 0;
        return result;
    }
    if (algorithm != oid::rsaes_oaep) {
        throw Error(Errc::parse, "unsupported key transport algorithm " + algorithm);
    }
    OaepParams params = parse_oaep_params(alg.parameters);
    Mpz root;
    int ok = 0;
    if (mpz_cmp(ciphertext.get(), rsa.pub()->n) < 0) {
        ok = rsa_compute_root_tr(rsa.pub(), rsa.priv(), nullptr, random_bytes, root.get(), ciphertext.get());
    }
    UnwrappedKey result = oaep_decode(params, root.to_bytes(rsa.pub()->size), expected_size);
    result.ok = result.ok && ok != 0;
    return result;
}

}  // namespace smime::cms
