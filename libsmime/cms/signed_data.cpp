#include "cms/signed_data.hpp"

#include <optional>

#include <smime/error.hpp>

#include "cms/capabilities.hpp"
#include "cms/spki.hpp"

namespace smime::signature {

namespace {

void attrs_free(gnutls_pkcs7_attrs_t p) noexcept { gnutls_pkcs7_attrs_deinit(p); }
using Attrs = gtls::Owner<gnutls_pkcs7_attrs_t, attrs_free>;

gnutls_digest_algorithm_t to_gnutls(Digest digest) noexcept {
    switch (digest) {
    case Digest::sha256: return GNUTLS_DIG_SHA256;
    case Digest::sha384: return GNUTLS_DIG_SHA384;
    case Digest::sha512: return GNUTLS_DIG_SHA512;
    }
    return GNUTLS_DIG_SHA256;
}

// RSA-PSS with the salt as long as the digest (RFC 4056 §3, what openssl and
// gpgsm accept), on the key and on our in-memory copy of the certificate.
void use_pss(gnutls_privkey_t key, gnutls_x509_crt_t crt, Digest digest) {
    auto dig = to_gnutls(digest);
    Spki spki = rsa_pss_spki(dig, gnutls_hash_get_len(dig));
    gtls::check(gnutls_privkey_set_spki(key, spki.get(), 0), "gnutls_privkey_set_spki");
    gtls::check(gnutls_x509_crt_set_spki(crt, spki.get(), 0), "gnutls_x509_crt_set_spki");
}

void add_certificates(gnutls_pkcs7_t pkcs7, std::optional<CertInfo> signer, const std::vector<CertInfo>& chain) {
    if (signer) {
        gnutls_datum_t der = gtls::borrow(signer->der);
        gtls::check(gnutls_pkcs7_set_crt_raw(pkcs7, &der), "gnutls_pkcs7_set_crt_raw");
    }
    for (const auto& issuer : chain) {
        gnutls_datum_t der = gtls::borrow(issuer.der);
        gtls::check(gnutls_pkcs7_set_crt_raw(pkcs7, &der), "gnutls_pkcs7_set_crt_raw");
    }
}

}  // namespace

Digest effective_digest(gnutls_privkey_t key, Digest asked) {
    int pk = gnutls_privkey_get_pk_algorithm(key, nullptr);
    return pk == GNUTLS_PK_EDDSA_ED25519 ? Digest::sha512 : asked;
}

const char* micalg_name(Digest digest) noexcept {
    switch (digest) {
    case Digest::sha256: return "sha-256";
    case Digest::sha384: return "sha-384";
    case Digest::sha512: return "sha-512";
    }
    return "sha-256";
}

Bytes create_signed_data(const SignInput& input) {
    auto crt = x509::load_crt_der(input.signer->der);
    auto pkcs7 = gtls::make_pkcs7();

    Bytes caps = our_capabilities_der();
    gnutls_datum_t caps_datum = gtls::borrow(caps);
    gnutls_pkcs7_attrs_t raw_attrs = nullptr;
    int rc = gnutls_pkcs7_add_attr(&raw_attrs, k_oid_smime_capabilities, &caps_datum, 0);
    Attrs attrs(raw_attrs);  // owned before the check, so a failure frees it
    gtls::check(rc, "gnutls_pkcs7_add_attr");

    gnutls_datum_t data = gtls::borrow(input.content);
    unsigned flags = GNUTLS_PKCS7_INCLUDE_TIME;
    if (input.embed) {
        flags |= GNUTLS_PKCS7_EMBED_DATA;
    }
    if (input.pss) {
        // GnuTLS takes the scheme from the certificate, so the in-memory copy
        // says RSA-PSS; INCLUDE_CERT would write that copy, so the original
        // DER goes in first. GnuTLS cannot embed content into a SignedData
        // that already holds certificates, hence no opaque PSS.
        if (input.embed) {
            throw Error(Errc::usage, "--pss cannot be combined with --opaque");
        }
        use_pss(input.key, crt.get(), input.digest);
        add_certificates(pkcs7.get(), *input.signer, input.chain);
    } else {
        flags |= GNUTLS_PKCS7_INCLUDE_CERT;
    }
    gtls::check(gnutls_pkcs7_sign(pkcs7.get(), crt.get(), input.key, &data, attrs.get(), nullptr,
                                  to_gnutls(input.digest), flags),
                "gnutls_pkcs7_sign");
    if (!input.pss) {
        add_certificates(pkcs7.get(), std::nullopt, input.chain);
    }
    gtls::Datum out;
    gtls::check(gnutls_pkcs7_export2(pkcs7.get(), GNUTLS_X509_FMT_DER, out.out()), "gnutls_pkcs7_export2");
    return Bytes(out.bytes().begin(), out.bytes().end());
}

}  // namespace smime::signature
