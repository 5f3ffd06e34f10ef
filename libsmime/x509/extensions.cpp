#include "x509/extensions.hpp"

#include <array>

#include <smime/error.hpp>

#include "tasn1/node.hpp"
#include "x509/load.hpp"

namespace smime::x509 {

namespace {

constexpr const char* k_policy_mappings_oid = "2.5.29.33";
constexpr const char* k_policy_constraints_oid = "2.5.29.36";
constexpr const char* k_inhibit_any_policy_oid = "2.5.29.54";

}  // namespace

std::optional<gtls::Datum> extension_value(gnutls_x509_crt_t crt, const char* oid) {
    gtls::Datum value;
    unsigned critical = 0;
    int rc = gnutls_x509_crt_get_extension_by_oid2(crt, oid, 0, value.out(), &critical);
    if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
        return std::nullopt;
    }
    gtls::check(rc, oid);
    return value;
}

std::optional<std::vector<PolicyMapping>> policy_mappings(gnutls_x509_crt_t crt) {
    auto value = extension_value(crt, k_policy_mappings_oid);
    if (!value) {
        return std::nullopt;
    }
    auto node = tasn1::decode("X509.PolicyMappings", value->bytes());
    std::vector<PolicyMapping> mappings;
    for (int i = 1; i <= tasn1::count(node.get(), ""); ++i) {
        std::string item = tasn1::item("", i);
        mappings.push_back({tasn1::read_text(node.get(), item + ".issuerDomainPolicy"),
                            tasn1::read_text(node.get(), item + ".subjectDomainPolicy")});
    }
    return mappings;
}

std::optional<PolicyConstraints> policy_constraints(gnutls_x509_crt_t crt) {
    auto value = extension_value(crt, k_policy_constraints_oid);
    if (!value) {
        return std::nullopt;
    }
    auto node = tasn1::decode("X509.PolicyConstraints", value->bytes());
    return PolicyConstraints{tasn1::read_count(node.get(), "requireExplicitPolicy"),
                             tasn1::read_count(node.get(), "inhibitPolicyMapping")};
}

// gnutls_x509_crt_get_inhibit_anypolicy (3.7.9) fails on PKITS's
// well-formed extensions, so this one is ours too.
std::optional<unsigned> inhibit_any_policy(gnutls_x509_crt_t crt) {
    auto value = extension_value(crt, k_inhibit_any_policy_oid);
    if (!value) {
        return std::nullopt;
    }
    auto node = tasn1::decode("X509.InhibitAnyPolicy", value->bytes());
    return tasn1::read_count(node.get(), "");
}

Bytes authority_key_id(const CertInfo& cert) {
    auto crt = shared_crt(cert.der);
    std::array<std::uint8_t, 64> id{};
    size_t size = id.size();
    unsigned critical = 0;
    if (gnutls_x509_crt_get_authority_key_id(crt.get(), id.data(), &size, &critical) < 0) {
        return {};
    }
    return Bytes(id.begin(), id.begin() + static_cast<long>(size));
}

bool signature_verifies(gnutls_x509_crt_t subject, const CertInfo& subject_info, gnutls_x509_crt_t issuer) {
    int algorithm = gnutls_x509_crt_get_signature_algorithm(subject);
    if (algorithm < 0) {
        return false;
    }
    std::vector<char> signature(subject_info.der.size());
    size_t size = signature.size();
    if (gnutls_x509_crt_get_signature(subject, signature.data(), &size) < 0) {
        return false;
    }
    signature.resize(size);
    auto node = tasn1::decode("X509.Certificate", subject_info.der);
    gnutls_datum_t tbs = gtls::borrow(tasn1::der_of(node.get(), subject_info.der, "tbsCertificate"));
    gnutls_datum_t sig = gtls::borrow(std::string_view(signature.data(), signature.size()));
    return key_of_verifies(issuer, algorithm, tbs, sig);
}

bool key_of_verifies(gnutls_x509_crt_t signer, int algorithm, const gnutls_datum_t& data, const gnutls_datum_t& sig) {
    // Not gnutls_x509_crt_verify_data2: it also judges the signer's dates
    // against today's clock (an expired CA would look like a forgery, and
    // --at would not hold). Dates are judged once, in path validation.
    auto pubkey = gtls::make_pubkey();
    if (gnutls_pubkey_import_x509(pubkey.get(), signer, 0) < 0) {
        return false;
    }
    return gnutls_pubkey_verify_data2(pubkey.get(), static_cast<gnutls_sign_algorithm_t>(algorithm), 0, &data, &sig) >=
           0;
}

}  // namespace smime::x509
