#include "pki/path_validation.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include <smime/error.hpp>

#include "util/time.hpp"
#include "x509/extensions.hpp"
#include "x509/load.hpp"
#include "pki/name_constraints.hpp"
#include "x509/names.hpp"
#include "pki/policy_tree.hpp"
#include "pki/revocation.hpp"

namespace smime::x509 {

namespace {

// Extensions this validation processes (or that are informational), so
// they may be critical.
constexpr std::string_view k_understood_extensions[] = {
    "2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.18", "2.5.29.19", "2.5.29.30", "2.5.29.31",
    "2.5.29.32", "2.5.29.33", "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.46", "2.5.29.54",
    "1.3.6.1.5.5.7.1.1",
};

std::optional<std::string> unknown_critical_extension(gnutls_x509_crt_t crt) {
    for (unsigned i = 0;; ++i) {
        char oid[128];
        size_t size = sizeof oid;
        unsigned critical = 0;
        if (gnutls_x509_crt_get_extension_info(crt, i, oid, &size, &critical) < 0) {
            return std::nullopt;
        }
        if (critical != 0 && std::find(std::begin(k_understood_extensions), std::end(k_understood_extensions),
                                       std::string_view(oid)) == std::end(k_understood_extensions)) {
            return std::string(oid);
        }
    }
}

std::optional<std::vector<std::string>> policies_of(gnutls_x509_crt_t crt) {
    std::vector<std::string> oids;
    for (unsigned i = 0;; ++i) {
        gnutls_x509_policy_st policy{};
        unsigned critical = 0;
        int rc = gnutls_x509_crt_get_policy(crt, i, &policy, &critical);
        if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
            break;
        }
        gtls::check(rc, "gnutls_x509_crt_get_policy");
        oids.emplace_back(policy.oid);
        gnutls_x509_policy_release(&policy);
    }
    if (oids.empty()) {
        return std::nullopt;
    }
    return oids;
}

bool allows_email_protection(gnutls_x509_crt_t crt) {
    for (unsigned i = 0;; ++i) {
        char oid[128];
        size_t size = sizeof oid;
        int rc = gnutls_x509_crt_get_key_purpose_oid(crt, i, oid, &size, nullptr);
        if (rc < 0) {
            return i == 0;  // no ExtendedKeyUsage: no restriction
        }
        std::string_view purpose(oid);
        if (purpose == GNUTLS_KP_EMAIL_PROTECTION || purpose == GNUTLS_KP_ANY) {
            return true;
        }
    }
}

std::optional<std::string> check_times(std::span<const CertInfo> path, std::time_t at) {
    for (std::size_t i = 0; i < path.size(); ++i) {
        const CertInfo& cert = path[i];
        if (at < cert.not_before) {
            return describe_cert(cert, i == 0) + " is not valid before " + util::format_date(cert.not_before);
        }
        if (at > cert.not_after) {
            return describe_cert(cert, i == 0) + " expired on " + util::format_date(cert.not_after);
        }
    }
    return std::nullopt;
}

// One pass over the path from the anchor down to the leaf (§6.1.3, §6.1.4).
class Walk {
public:
    Walk(std::span<const CertInfo> path, const ValidationParams& params)
        : m_path(path), m_params(params), m_max_path_length(path.size() - 1), m_policies(path.size() - 1) {
        for (const auto& cert : path) {
            m_crts.push_back(shared_crt(cert.der));
        }
    }

    std::optional<std::string> run() {
        std::size_t n = m_path.size() - 1;
        for (std::size_t k = n; k-- > 0;) {
            if (auto problem = step(k, n - k)) {
                return describe_cert(m_path[k], k == 0) + " " + *problem;
            }
        }
        return std::nullopt;
    }

private:
    // Certificate path[k], number i (1-based from the anchor's child).
    std::optional<std::string> step(std::size_t k, std::size_t i) {
        const CertInfo& cert = m_path[k];
        gnutls_x509_crt_t crt = m_crts[k].get();
        bool leaf = k == 0;
        bool self_issued = same_name(cert.subject_der, cert.issuer_der);
        if (!same_name(cert.issuer_der, m_path[k + 1].subject_der)) {
            return "is not issued by the next certificate on the path";
        }
        int algorithm = gnutls_x509_crt_get_signature_algorithm(crt);
        if (algorithm < 0 || gnutls_sign_is_secure2(static_cast<gnutls_sign_algorithm_t>(algorithm),
                                                    GNUTLS_SIGN_FLAG_SECURE_FOR_CERTS) == 0) {
            return "uses an insecure signature algorithm";  // GnuTLS's policy, e.g. SHA-1
        }
        if (!signature_verifies(crt, cert, m_crts[k + 1].get())) {
            return "has an invalid signature";
        }
        if (auto oid = unknown_critical_extension(crt)) {
            return "has a critical extension that is not supported (" + *oid + ")";
        }
        if (!self_issued || leaf) {
            auto names = names_of(crt, cert);
            for (const auto& constraints : m_name_constraints) {
                if (!allowed_by(constraints, names)) {
                    return std::string("has a name outside the name constraints of its issuers");
                }
            }
        }
        CertPolicies policies{policies_of(crt), policy_mappings(crt).value_or(std::vector<PolicyMapping>{}),
                              policy_constraints(crt), inhibit_any_policy(crt), self_issued};
        if (auto problem = m_policies.process(policies, i)) {
            return "fails certificate policy processing: " + *problem;
        }
        if (leaf) {
            if (m_params.email_protection && !allows_email_protection(crt)) {
                return std::string("is not valid for email protection (ExtendedKeyUsage)");
            }
            return std::nullopt;
        }
        return check_ca(crt, self_issued);
    }

    // §6.1.4 (g), (k)-(n): what makes path[k] fit to issue the next one.
    std::optional<std::string> check_ca(gnutls_x509_crt_t crt, bool self_issued) {
        unsigned critical = 0;
        unsigned ca = 0;
        int path_length = -1;
        if (gnutls_x509_crt_get_basic_constraints(crt, &critical, &ca, &path_length) < 0 || ca == 0) {
            return std::string("is not a CA");
        }
        if (!self_issued) {
            if (m_max_path_length == 0) {
                return std::string("exceeds the path length constraint of the path");
            }
            --m_max_path_length;
        }
        if (path_length >= 0 && static_cast<std::size_t>(path_length) < m_max_path_length) {
            m_max_path_length = static_cast<std::size_t>(path_length);
        }
        unsigned usage = 0;
        if (gnutls_x509_crt_get_key_usage(crt, &usage, &critical) >= 0 && (usage & GNUTLS_KEY_KEY_CERT_SIGN) == 0) {
            return std::string("may not sign certificates (KeyUsage)");
        }
        if (auto constraints = name_constraints_of(crt)) {
            m_name_constraints.push_back(std::move(*constraints));
        }
        return std::nullopt;
    }

    std::span<const CertInfo> m_path;
    const ValidationParams& m_params;
    std::vector<SharedCrt> m_crts;
    std::size_t m_max_path_length;
    PolicyTree m_policies;
    std::vector<NameConstraints> m_name_constraints;
};

}  // namespace

ValidationResult validate_path(std::span<const CertInfo> path, const ValidationParams& params) {
    if (path.empty()) {
        return {false, "no certificate path"};
    }
    if (auto problem = check_times(path, params.at)) {
        return {false, *problem};
    }
    if (path.size() == 1) {
        // The leaf is a trust anchor itself: trusted as it is, for its purpose.
        if (params.email_protection && !allows_email_protection(shared_crt(path.front().der).get())) {
            return {false, "certificate is not valid for email protection (ExtendedKeyUsage)"};
        }
        return {true, {}};
    }
    try {
        if (auto problem = Walk(path, params).run()) {
            return {false, *problem};
        }
    } catch (const Error& e) {
        return {false, std::string("a certificate on the path cannot be decoded: ") + e.what()};
    }
    return {true, {}};
}

}  // namespace smime::x509
