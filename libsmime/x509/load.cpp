#include "x509/load.hpp"

#include <algorithm>
#include <string>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include <smime/error.hpp>
#include <smime/limits.hpp>

namespace smime::x509 {

namespace {

// The import limit (limits.hpp), checked as soon as the certificates are
// counted (PEM: before any is parsed further).
void check_count(std::size_t count) {
    if (count > limits::k_max_import_certificates) {
        throw Error(Errc::parse, "more than " + std::to_string(limits::k_max_import_certificates) +
                                     " certificates in one file");
    }
}


bool contains(std::span<const std::uint8_t> data, std::string_view needle) {
    std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
    return text.find(needle) != std::string_view::npos;
}

Bytes export_der(gnutls_x509_crt_t crt) {
    gtls::Datum der;
    gtls::check(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, der.out()), "gnutls_x509_crt_export2");
    return Bytes(der.bytes().begin(), der.bytes().end());
}

std::vector<CertInfo> from_pkcs7(std::span<const std::uint8_t> data, gnutls_x509_crt_fmt_t format) {
    auto pkcs7 = gtls::make_pkcs7();
    auto datum = gtls::borrow(data);
    gtls::check(gnutls_pkcs7_import(pkcs7.get(), &datum, format), "gnutls_pkcs7_import");
    int count = gtls::check(gnutls_pkcs7_get_crt_count(pkcs7.get()), "gnutls_pkcs7_get_crt_count");
    std::vector<CertInfo> certs;
    for (int i = 0; i < count; ++i) {
        gtls::Datum der;
        gtls::check(gnutls_pkcs7_get_crt_raw2(pkcs7.get(), static_cast<unsigned>(i), der.out()),
                    "gnutls_pkcs7_get_crt_raw2");
        certs.push_back(parse_cert_info(der.bytes()));
    }
    return certs;
}

std::vector<CertInfo> from_pem(std::span<const std::uint8_t> data) {
    gnutls_x509_crt_t* list = nullptr;
    unsigned count = 0;
    auto datum = gtls::borrow(data);
    int rc = gnutls_x509_crt_list_import2(&list, &count, &datum, GNUTLS_X509_FMT_PEM, 0);
    if (rc < 0) {
        throw Error(Errc::parse, std::string("not a certificate: ") + gnutls_strerror(rc), rc);
    }
    // Own every handle before anything can throw.
    std::vector<gtls::X509Crt> owned;
    owned.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
        owned.emplace_back(list[i]);
    }
    gnutls_free(list);
    check_count(owned.size());
    std::vector<CertInfo> certs;
    certs.reserve(count);
    for (auto& crt : owned) {
        auto der = export_der(crt.get());
        certs.push_back(cert_info_from(crt.get(), der));
    }
    return certs;
}

}  // namespace

gtls::X509Crt load_crt_der(std::span<const std::uint8_t> der) {
    auto crt = gtls::make_x509_crt();
    auto datum = gtls::borrow(der);
    int rc = gnutls_x509_crt_import(crt.get(), &datum, GNUTLS_X509_FMT_DER);
    if (rc < 0) {
        throw Error(Errc::parse, std::string("not a certificate: ") + gnutls_strerror(rc), rc);
    }
    return crt;
}

namespace {
// Bounded: cleared when full (holders keep theirs), refilled by the next
// messages. Locked, for callers on more than one thread.
class SharedCrtCache {
public:
    SharedCrt get(std::span<const std::uint8_t> der) {
        std::string key(reinterpret_cast<const char*>(der.data()), der.size());
        {
            std::lock_guard lock(m_mutex);
            if (auto it = m_crts.find(key); it != m_crts.end()) {
                return it->second;
            }
        }
        SharedCrt crt(load_crt_der(der).release(), gnutls_x509_crt_deinit);
        std::lock_guard lock(m_mutex);
        if (m_crts.size() >= k_capacity) {
            m_crts.clear();
        }
        m_crts.emplace(std::move(key), crt);
        return crt;
    }

private:
    static constexpr std::size_t k_capacity = 256;
    std::mutex m_mutex;
    std::unordered_map<std::string, SharedCrt> m_crts;
};
}  // namespace

SharedCrt shared_crt(std::span<const std::uint8_t> der) {
    static SharedCrtCache cache;
    return cache.get(der);
}

namespace {

std::vector<CertInfo> split_certificates(std::span<const std::uint8_t> data) {
    if (contains(data, "-----BEGIN PKCS7-----") || contains(data, "-----BEGIN CMS-----")) {
        return from_pkcs7(data, GNUTLS_X509_FMT_PEM);
    }
    if (contains(data, "-----BEGIN")) {
        return from_pem(data);
    }
    try {
        auto crt = load_crt_der(data);
        return {cert_info_from(crt.get(), data)};
    } catch (const Error&) {
        try {
            return from_pkcs7(data, GNUTLS_X509_FMT_DER);
        } catch (const Error&) {
            throw Error(Errc::parse, "not a certificate (PEM, DER or PKCS#7 expected)");
        }
    }
}

}  // namespace

std::vector<CertInfo> load_certificates(std::span<const std::uint8_t> data) {
    std::vector<CertInfo> certs = split_certificates(data);
    check_count(certs.size());
    return certs;
}

bool looks_like_pkcs12(std::span<const std::uint8_t> data) {
    auto p12 = gtls::make_pkcs12();
    auto datum = gtls::borrow(data);
    return gnutls_pkcs12_import(p12.get(), &datum, GNUTLS_X509_FMT_DER, 0) >= 0;
}

namespace {

// PKCS#8 PEM of key: unencrypted (password nullptr), or PBES2 AES-256.
std::string pkcs8_pem(gnutls_x509_privkey_t key, const char* password) {
    gtls::Datum pem;
    gtls::check(gnutls_x509_privkey_export2_pkcs8(key, GNUTLS_X509_FMT_PEM, password,
                                                  password == nullptr ? GNUTLS_PKCS_PLAIN : GNUTLS_PKCS_PBES2_AES_256,
                                                  pem.out()),
                "gnutls_x509_privkey_export2_pkcs8");
    return std::string(pem.view());
}

// The encrypted PKCS#8 keys (pkcs8ShroudedKeyBag) of a PKCS#12, as they are
// in the file: storing them unchanged keeps the protection they came with
// (OpenSSL 3: PBES2, AES-256, 2,048 PBKDF2 iterations), where re-encrypting
// with GnuTLS would cost 600,000 iterations at every unlock.
std::vector<std::string> shrouded_keys_pem(gnutls_pkcs12_t p12, const std::string& passphrase) {
    std::vector<std::string> keys;
    for (int index = 0;; ++index) {
        auto bag = gtls::make_pkcs12_bag();
        if (gnutls_pkcs12_get_bag(p12, index, bag.get()) < 0) {
            break;
        }
        if (gnutls_pkcs12_bag_get_type(bag.get(), 0) == GNUTLS_BAG_ENCRYPTED &&
            gnutls_pkcs12_bag_decrypt(bag.get(), passphrase.c_str()) < 0) {
            continue;
        }
        int count = gnutls_pkcs12_bag_get_count(bag.get());
        for (int element = 0; element < count; ++element) {
            if (gnutls_pkcs12_bag_get_type(bag.get(), static_cast<unsigned>(element)) !=
                GNUTLS_BAG_PKCS8_ENCRYPTED_KEY) {
                continue;
            }
            gnutls_datum_t der{nullptr, 0};
            if (gnutls_pkcs12_bag_get_data(bag.get(), static_cast<unsigned>(element), &der) < 0) {
                continue;
            }
            gtls::Datum pem;
            if (gnutls_pem_base64_encode2("ENCRYPTED PRIVATE KEY", &der, pem.out()) >= 0) {
                keys.emplace_back(pem.view());
            }
        }
    }
    return keys;
}

std::string key_id_of(gnutls_x509_privkey_t key) {
    std::array<std::uint8_t, 32> id{};
    size_t id_size = id.size();
    gtls::check(gnutls_x509_privkey_get_key_id(key, GNUTLS_KEYID_USE_SHA256, id.data(), &id_size),
                "gnutls_x509_privkey_get_key_id");
    return to_hex({id.data(), id_size});
}

// The PEM to store for the key of a PKCS#12: its own shrouded bag when one
// holds this key, else (a plain key bag) re-encrypted by GnuTLS.
std::string stored_key_pem(gnutls_pkcs12_t p12, gnutls_x509_privkey_t key, const std::string& passphrase) {
    if (passphrase.empty()) {
        return pkcs8_pem(key, nullptr);
    }
    std::string wanted = key_id_of(key);
    for (auto& pem : shrouded_keys_pem(p12, passphrase)) {
        auto candidate = gtls::make_x509_privkey();
        auto datum = gtls::borrow(std::string_view(pem));
        if (gnutls_x509_privkey_import2(candidate.get(), &datum, GNUTLS_X509_FMT_PEM, passphrase.c_str(), 0) >= 0 &&
            key_id_of(candidate.get()) == wanted) {
            return std::move(pem);
        }
    }
    return protect_key_strongly(key, passphrase);
}

}  // namespace

std::string protect_key_strongly(gnutls_x509_privkey_t key, const std::string& passphrase) {
    if (passphrase.empty()) {
        throw Error(Errc::usage, "strong key protection needs a passphrase (--passphrase-file or --passphrase-fd)");
    }
    return pkcs8_pem(key, passphrase.c_str());
}

std::string protect_key_strongly(const std::string& pem, const std::string& passphrase) {
    auto key = gtls::make_x509_privkey();
    auto datum = gtls::borrow(std::string_view(pem));
    gtls::check(gnutls_x509_privkey_import2(key.get(), &datum, GNUTLS_X509_FMT_PEM, passphrase.c_str(), 0),
                "gnutls_x509_privkey_import2");
    return protect_key_strongly(key.get(), passphrase);
}

Pkcs12Contents load_pkcs12(std::span<const std::uint8_t> data, const std::string& passphrase) {
    auto p12 = gtls::make_pkcs12();
    auto datum = gtls::borrow(data);
    gtls::check(gnutls_pkcs12_import(p12.get(), &datum, GNUTLS_X509_FMT_DER, 0), "gnutls_pkcs12_import");
    if (gnutls_pkcs12_verify_mac(p12.get(), passphrase.c_str()) < 0) {
        throw Error(Errc::parse, "PKCS#12: wrong passphrase (MAC does not verify)");
    }
    gnutls_x509_privkey_t key = nullptr;
    gnutls_x509_crt_t* chain = nullptr;
    unsigned chain_size = 0;
    gnutls_x509_crt_t* extra = nullptr;
    unsigned extra_size = 0;
    int rc = gnutls_pkcs12_simple_parse(p12.get(), passphrase.c_str(), &key, &chain, &chain_size, &extra,
                                        &extra_size, nullptr, 0);
    gtls::X509Privkey owned_key(key);
    std::vector<gtls::X509Crt> owned;
    for (unsigned i = 0; i < chain_size; ++i) {
        owned.emplace_back(chain[i]);
    }
    for (unsigned i = 0; i < extra_size; ++i) {
        owned.emplace_back(extra[i]);
    }
    gnutls_free(chain);
    gnutls_free(extra);
    if (rc < 0) {
        throw Error(Errc::parse, std::string("PKCS#12: ") + gnutls_strerror(rc), rc);
    }
    Pkcs12Contents contents;
    for (auto& crt : owned) {
        auto der = export_der(crt.get());
        contents.certs.push_back(cert_info_from(crt.get(), der));
    }
    if (owned_key) {
        contents.keys_pem.push_back(stored_key_pem(p12.get(), owned_key.get(), passphrase));
    }
    return contents;
}

LoadedKey load_private_key(std::span<const std::uint8_t> data, const std::optional<std::string>& passphrase) {
    bool pem = contains(data, "-----BEGIN");
    auto key = gtls::make_x509_privkey();
    auto datum = gtls::borrow(data);
    const char* password = passphrase ? passphrase->c_str() : nullptr;
    int rc = gnutls_x509_privkey_import2(key.get(), &datum, pem ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER,
                                         password, 0);
    if (rc == GNUTLS_E_DECRYPTION_FAILED && passphrase) {
        throw Error(Errc::parse, "wrong passphrase for the private key", rc);
    }
    if (rc == GNUTLS_E_DECRYPTION_FAILED || (rc < 0 && !passphrase && contains(data, "ENCRYPTED"))) {
        throw Error(Errc::usage, "the private key is encrypted: give its passphrase with --passphrase-file", rc);
    }
    if (rc < 0) {
        throw Error(Errc::parse, std::string("not a private key: ") + gnutls_strerror(rc), rc);
    }
    LoadedKey loaded;
    loaded.key_id = key_id_of(key.get());
    if (pem) {
        loaded.pem.assign(reinterpret_cast<const char*>(data.data()), data.size());
    } else if (passphrase) {
        // Encrypted DER PKCS#8: store the same bytes, PEM-armoured.
        gtls::Datum armoured;
        gtls::check(gnutls_pem_base64_encode2("ENCRYPTED PRIVATE KEY", &datum, armoured.out()),
                    "gnutls_pem_base64_encode2");
        loaded.pem = std::string(armoured.view());
    } else {
        loaded.pem = pkcs8_pem(key.get(), nullptr);
    }
    return loaded;
}

gtls::Privkey open_private_key(const std::string& pem, const std::optional<std::string>& passphrase) {
    auto key = gtls::make_privkey();
    auto datum = gtls::borrow(std::string_view(pem));
    int rc = gnutls_privkey_import_x509_raw(key.get(), &datum, GNUTLS_X509_FMT_PEM,
                                            passphrase ? passphrase->c_str() : nullptr, 0);
    if (rc == GNUTLS_E_DECRYPTION_FAILED) {
        throw Error(Errc::usage,
                    passphrase ? "wrong passphrase for the private key"
                               : "the private key is encrypted: give its passphrase with --passphrase-file",
                    rc);
    }
    gtls::check(rc, "gnutls_privkey_import_x509_raw");
    return key;
}

gtls::X509Crl load_crl(std::span<const std::uint8_t> data) {
    auto crl = gtls::make_x509_crl();
    auto datum = gtls::borrow(data);
    int rc = gnutls_x509_crl_import(crl.get(), &datum,
                                    contains(data, "-----BEGIN") ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER);
    if (rc < 0) {
        throw Error(Errc::parse, std::string("not a CRL: ") + gnutls_strerror(rc), rc);
    }
    return crl;
}

}  // namespace smime::x509
