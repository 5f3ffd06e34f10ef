#include "cms/signer_verify.hpp"

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

// The algorithm to check the signature with, and the key, its SPKI set to
// a RSASSA-PSS SignerInfo's parameters (GnuTLS would take a digest-long
// salt otherwise); else why not.
struct Checker {
    gtls::Pubkey key = gtls::make_pubkey();
    gnutls_sign_algorithm_t algorithm = GNUTLS_SIGN_UNKNOWN;
    gnutls_digest_algorithm_t hash = GNUTLS_DIG_UNKNOWN;  // of the content digest
};

std::optional<std::string> make_checker(const RawSignerInfo& raw, const gnutls_pkcs7_signature_info_st& info,
                                        const CertInfo& signer, Checker& checker) {
    gnutls_datum_t cert = gtls::borrow(signer.der);
    int rc = gnutls_pubkey_import_x509_raw(checker.key.get(), &cert, GNUTLS_X509_FMT_DER, 0);
    if (rc < 0) {
        return reason_from_code(rc);
    }
    if (gnutls_sign_get_pk_algorithm(info.algo) != GNUTLS_PK_RSA_PSS) {
        // As gnutls_pkcs7_verify_direct: the hash of the signature algorithm
        // GnuTLS read (from signatureAlgorithm, or digestAlgorithm with it).
        checker.algorithm = info.algo;
        checker.hash = gnutls_sign_get_hash_algorithm(info.algo);
        return std::nullopt;
    }
    PssParams params;
    if (auto problem = parameters_problem(raw, signer, params)) {
        return problem;
    }
    int pk = gnutls_pubkey_get_pk_algorithm(checker.key.get(), nullptr);
    if (pk != GNUTLS_PK_RSA && pk != GNUTLS_PK_RSA_PSS) {
        return "RSASSA-PSS signature by a key that is not RSA";
    }
    Spki spki = rsa_pss_spki(params.hash, params.salt_length);
    rc = gnutls_pubkey_set_spki(checker.key.get(), spki.get(), 0);
    if (rc < 0) {
        return reason_from_code(rc);
    }
    checker.algorithm = gnutls_pk_to_sign(GNUTLS_PK_RSA_PSS, params.hash);
    checker.hash = params.hash;
    return std::nullopt;
}

std::optional<std::string> check_signature(const Checker& checker, std::string_view data,
                                           const gnutls_datum_t& signature) {
    gnutls_datum_t signed_data = gtls::borrow(data);
    int rc = gnutls_pubkey_verify_data2(checker.key.get(), checker.algorithm, 0, &signed_data, &signature);
    return rc < 0 ? std::optional(reason_from_code(rc)) : std::nullopt;
}

std::optional<std::string> verify(cms::ByteView der, unsigned idx, const gnutls_pkcs7_signature_info_st& info,
                                  const SignedContent& content, const CertInfo& signer) {
    auto raw = raw_signer_info(der, idx);
    // The SignerInfo GnuTLS read (same signature value), not another one.
    if (!raw || !std::ranges::equal(raw->signature, std::span(info.sig.data, info.sig.size))) {
        return "signer information unreadable";
    }
    Checker checker;
    if (auto problem = make_checker(*raw, info, signer, checker)) {
        return problem;
    }
    if (!raw->signed_attrs) {
        return check_signature(checker, content.whole(), info.sig);  // signed: the content itself
    }
    // As gnutls_pkcs7_verify does: the attributes must carry the digest of
    // (non-empty) content.
    if (content.empty) {
        return reason_from_code(GNUTLS_E_NO_EMBEDDED_DATA);
    }
    if (checker.hash == GNUTLS_DIG_UNKNOWN) {
        return reason_from_code(GNUTLS_E_UNKNOWN_HASH_ALGORITHM);
    }
    if (!attributes_bind(*raw->signed_attrs, raw->content_type, content.digest(checker.hash))) {
        return reason_from_code(GNUTLS_E_PK_SIG_VERIFY_FAILED);
    }
    // Signed is the DER of the SET OF, not of the [0] it is tagged with here
    // (RFC 5652 §5.4).
    std::string attrs(reinterpret_cast<const char*>(raw->signed_attrs->data()), raw->signed_attrs->size());
    attrs[0] = static_cast<char>(k_set_tag);
    return check_signature(checker, attrs, info.sig);
}

}  // namespace

std::optional<std::string> verify_signer_info(cms::ByteView der, unsigned idx,
                                              const gnutls_pkcs7_signature_info_st& info,
                                              const SignedContent& content, const CertInfo& signer) {
    try {
        return verify(der, idx, info, content, signer);
    } catch (const Error& e) {
        // Whatever a sender packs in is a failed signature, never an error.
        return std::string("signer information unreadable: ") + e.what();
    }
}

}  // namespace smime::signature
