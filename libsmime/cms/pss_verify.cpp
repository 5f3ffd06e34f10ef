#include "cms/pss_verify.hpp"

#include <algorithm>

#include <smime/error.hpp>

#include "tasn1/node.hpp"
#include "cms/pss_params.hpp"
#include "cms/raw_fields.hpp"
#include "cms/signed_attrs.hpp"
#include "cms/spki.hpp"
#include "cms/verify_reason.hpp"

namespace smime::signature {

namespace {

constexpr std::uint8_t k_set_tag = 0x31;

// The certificate's limits (RFC 4055 §3.3): an id-RSASSA-PSS key with
// parameters signs only with what they allow. rsaEncryption keys, and
// id-RSASSA-PSS keys without parameters, allow any.
std::optional<std::string> restriction_problem(const CertInfo& signer, const PssParams& signature) {
    tasn1::AlgorithmId key = tasn1::parse_algorithm(key_algorithm(signer.der));
    if (key.oid != k_oid_rsassa_pss || key.parameters.empty()) {
        return std::nullopt;
    }
    auto allowed = parse_pss_params(key.parameters);
    if (!allowed) {
        return "the certificate's RSA-PSS parameters are malformed";
    }
    return not_allowed(*allowed, signature);
}

// The signature's parameters, when GnuTLS can check them and the signer's
// certificate allows them; else why not.
std::optional<std::string> parameters_problem(const RawSignerInfo& raw, const CertInfo& signer, PssParams& params) {
    tasn1::AlgorithmId algorithm = tasn1::parse_algorithm(raw.signature_algorithm);
    // RFC 4055 §3.1: in a signature the parameters are never absent.
    auto parsed = algorithm.parameters.empty() ? std::nullopt : parse_pss_params(algorithm.parameters);
    if (algorithm.oid != k_oid_rsassa_pss || !parsed) {
        return "RSASSA-PSS parameters missing or malformed";
    }
    params = *parsed;
    if (auto problem = unverifiable(params)) {
        return problem;
    }
    // One hash for the content digest and the signature, as every signer
    // writes it (GnuTLS, OpenSSL).
    if (gnutls_oid_to_digest(tasn1::parse_algorithm(raw.digest_algorithm).oid.c_str()) != params.hash) {
        return "RSASSA-PSS hash differs from the SignerInfo's digest algorithm";
    }
    return restriction_problem(signer, params);
}

// The signature over data by the key of signer, its SPKI set to the
// SignerInfo's parameters (GnuTLS would take a digest-long salt otherwise).
std::optional<std::string> check_signature(const CertInfo& signer, const PssParams& params, cms::ByteView data,
                                           const gnutls_datum_t& signature) {
    auto key = gtls::make_pubkey();
    gnutls_datum_t cert = gtls::borrow(signer.der);
    int rc = gnutls_pubkey_import_x509_raw(key.get(), &cert, GNUTLS_X509_FMT_DER, 0);
    if (rc < 0) {
        return reason_from_code(rc);
    }
    int pk = gnutls_pubkey_get_pk_algorithm(key.get(), nullptr);
    if (pk != GNUTLS_PK_RSA && pk != GNUTLS_PK_RSA_PSS) {
        return "RSASSA-PSS signature by a key that is not RSA";
    }
    Spki spki = rsa_pss_spki(params.hash, params.salt_length);
    rc = gnutls_pubkey_set_spki(key.get(), spki.get(), 0);
    if (rc >= 0) {
        gnutls_datum_t signed_data = gtls::borrow(data);
        rc = gnutls_pubkey_verify_data2(key.get(), gnutls_pk_to_sign(GNUTLS_PK_RSA_PSS, params.hash), 0,
                                        &signed_data, &signature);
    }
    return rc < 0 ? std::optional(reason_from_code(rc)) : std::nullopt;
}

std::optional<std::string> verify(gnutls_pkcs7_t pkcs7, cms::ByteView der, unsigned idx,
                                  const gnutls_pkcs7_signature_info_st& info, const gnutls_datum_t* content,
                                  const CertInfo& signer) {
    auto raw = raw_signer_info(der, idx);
    // The SignerInfo GnuTLS read (same signature value), not another one.
    if (!raw || !std::ranges::equal(raw->signature, std::span(info.sig.data, info.sig.size))) {
        return "signer information unreadable";
    }
    PssParams params;
    if (auto problem = parameters_problem(*raw, signer, params)) {
        return problem;
    }
    gtls::Datum embedded;
    if (content == nullptr && gnutls_pkcs7_get_embedded_data(pkcs7, 0, embedded.out()) < 0) {
        return "the signed-data carries no content";
    }
    cms::ByteView data = content != nullptr ? cms::ByteView(content->data, content->size) : embedded.bytes();
    if (!raw->signed_attrs) {
        return check_signature(signer, params, data, info.sig);  // signed: the content itself
    }
    // As gnutls_pkcs7_verify does: the attributes must carry the digest of
    // (non-empty) content.
    if (data.empty()) {
        return reason_from_code(GNUTLS_E_NO_EMBEDDED_DATA);
    }
    Bytes digest(gnutls_hash_get_len(params.hash));
    gtls::check(gnutls_hash_fast(params.hash, data.data(), data.size(), digest.data()), "gnutls_hash_fast");
    if (!attributes_bind(*raw->signed_attrs, raw->content_type, digest)) {
        return reason_from_code(GNUTLS_E_PK_SIG_VERIFY_FAILED);
    }
    // Signed is the DER of the SET OF, not of the [0] it is tagged with here
    // (RFC 5652 §5.4).
    Bytes attrs(raw->signed_attrs->begin(), raw->signed_attrs->end());
    attrs[0] = k_set_tag;
    return check_signature(signer, params, attrs, info.sig);
}

}  // namespace

bool is_rsa_pss(const gnutls_pkcs7_signature_info_st& info) {
    return gnutls_sign_get_pk_algorithm(info.algo) == GNUTLS_PK_RSA_PSS;
}

std::optional<std::string> pss_verify_direct(gnutls_pkcs7_t pkcs7, cms::ByteView der, unsigned idx,
                                             const gnutls_pkcs7_signature_info_st& info,
                                             const gnutls_datum_t* content, const CertInfo& signer) {
    try {
        return verify(pkcs7, der, idx, info, content, signer);
    } catch (const Error& e) {
        // Whatever a sender packs in is a failed signature, never an error.
        return std::string("signer information unreadable: ") + e.what();
    }
}

}  // namespace smime::signature
