#include "pki/path_building.hpp"

#include <algorithm>
#include <optional>

#include <smime/error.hpp>

#include "x509/extensions.hpp"
#include "x509/load.hpp"
#include "x509/names.hpp"
#include "pki/path_validation.hpp"
#include "pki/revocation.hpp"

namespace smime::x509 {

namespace {

// Longer paths are not mail PKI; the bounds also stop issuer loops and
// keep a hostile keyring from making verification slow.
constexpr std::size_t k_max_path = 12;
constexpr std::size_t k_max_steps = 200;
// A CRL signer's own path may need a CRL signer; no deeper than this.
constexpr std::size_t k_max_crl_signer_depth = 2;

std::string name_of(const CertInfo& cert) {
    if (!cert.emails.empty()) return cert.emails.front();
    if (!cert.common_name.empty()) return cert.common_name;
    return cert.subject;
}

bool contains(std::span<const CertInfo> certs, const CertInfo& cert) {
    return std::any_of(certs.begin(), certs.end(), [&](const CertInfo& c) { return c.fingerprint == cert.fingerprint; });
}

bool may_sign_crls(const CertInfo& cert) {
    auto crt = shared_crt(cert.der);
    unsigned usage = 0;
    unsigned critical = 0;
    return gnutls_x509_crt_get_key_usage(crt.get(), &usage, &critical) < 0 || (usage & GNUTLS_KEY_CRL_SIGN) != 0;
}

std::optional<CertInfo> system_issuer(gnutls_x509_trust_list_t system, const CertInfo& cert) {
    auto crt = shared_crt(cert.der);
    gnutls_x509_crt_t raw = nullptr;
    if (gnutls_x509_trust_list_get_issuer(system, crt.get(), &raw, GNUTLS_TL_GET_COPY) < 0) {
        return std::nullopt;
    }
    gtls::X509Crt issuer(raw);
    gtls::Datum der;
    gtls::check(gnutls_x509_crt_export2(issuer.get(), GNUTLS_X509_FMT_DER, der.out()), "gnutls_x509_crt_export2");
    return cert_info_from(issuer.get(), der.bytes());
}

PathResult failed(std::string reason, std::vector<CertInfo> path, bool revocation = false) {
    return {false, std::move(reason), std::move(path), revocation};
}

class Search {
public:
    // crl_signers_in_progress: CRL signers whose own paths the searches
    // further up are validating (outermost first).
    Search(const PathSources& sources, const PathParams& params, std::vector<std::string> crl_signers_in_progress = {})
        : m_sources(sources),
          m_anchors(sources.anchors),
          m_params(params),
          m_crl_signers_in_progress(std::move(crl_signers_in_progress)) {}

    PathResult run(const CertInfo& leaf) {
        m_chain = {leaf};
        if (extend()) {
            return {true, {}, m_chain, false};
        }
        if (m_failure) {
            return failed(*m_failure, m_failed_path, m_failure_is_revocation);
        }
        if (m_bad_signature) {
            return failed("a certificate signature on the path is invalid", m_dead_end);
        }
        const CertInfo& top = m_dead_end.back();
        if (top.self_signed && m_dead_end.size() > 1) {
            return failed("certificate chains to \"" + name_of(top) + "\", which is not a trust anchor", m_dead_end);
        }
        return failed("certificate does not chain to a trust anchor (issuer \"" + top.issuer +
                          "\" not found or not trusted)",
                      m_dead_end);
    }

private:
    bool is_anchor(const CertInfo& cert) const { return contains(m_anchors, cert); }

    bool extend() {
        const CertInfo& current = m_chain.back();
        if (is_anchor(current)) {
            return complete();  // a path ends at the first anchor, even the leaf itself
        }
        bool extended = false;
        if (m_chain.size() <= k_max_path && m_steps < k_max_steps) {
            ++m_steps;
            for (auto& candidate : issuers_of(current)) {
                if (!signed_by(m_chain.back(), candidate)) {
                    m_bad_signature = true;
                    continue;
                }
                extended = true;
                m_chain.push_back(std::move(candidate));
                if (extend()) {
                    return true;
                }
                m_chain.pop_back();
            }
        }
        if (!extended && m_chain.size() > m_dead_end.size()) {
            m_dead_end = m_chain;
        }
        return false;
    }

    // m_chain ends at an anchor: the path is valid when validation and
    // revocation say so; the first failure is the one reported.
    bool complete() {
        ValidationResult result = validate_path(m_chain, {m_params.at, m_params.email_protection});
        std::optional<std::string> problem;
        if (!result.ok) {
            problem = result.reason;
        } else {
            problem = revocation_problem();
        }
        if (!problem) {
            return true;
        }
        if (!m_failure) {
            m_failure = problem;
            m_failed_path = m_chain;
            m_failure_is_revocation = result.ok;
        }
        return false;
    }

    std::optional<std::string> revocation_problem() const {
        RevocationParams revocation{m_params.at, m_params.require_crl};
        const CertInfo anchor = m_chain.back();
        CrlSignerCheck signer_check = [this, anchor](const CertInfo& signer) {
            return crl_signer_valid(signer, anchor);
        };
        for (std::size_t i = 0; i + 1 < m_chain.size(); ++i) {
            if (auto problem = check_revocation(m_sources.keyring, m_chain, i, revocation, signer_check)) {
                return problem;
            }
        }
        return std::nullopt;
    }

    // A CRL signer other than the issuer counts when it may sign CRLs and
    // has a valid path (revocation included) to the same trust anchor.
    bool crl_signer_valid(const CertInfo& signer, const CertInfo& anchor) const {
        if (!may_sign_crls(signer)) {
            return false;
        }
        if (signer.fingerprint == anchor.fingerprint) {
            return true;
        }
        const auto& in_progress = m_crl_signers_in_progress;
        if (std::find(in_progress.begin(), in_progress.end(), signer.fingerprint) != in_progress.end()) {
            // An indirect CRL may cover its own issuer's certificate (PKITS
            // 4.14.30): the signer's path is being validated further up and
            // passes or fails there.
            return true;
        }
        if (in_progress.size() >= k_max_crl_signer_depth) {
            return false;
        }
        PathSources sources{m_sources.keyring, m_sources.pool, {anchor}, nullptr};
        PathParams params{m_params.at, m_params.require_crl, false};
        auto nested = in_progress;
        nested.push_back(signer.fingerprint);
        return Search(sources, params, std::move(nested)).run(signer).ok;
    }

    bool signed_by(const CertInfo& cert, const CertInfo& issuer) const {
        try {
            auto crt = shared_crt(cert.der);
            auto issuer_crt = shared_crt(issuer.der);
            return signature_verifies(crt.get(), cert, issuer_crt.get());
        } catch (const Error&) {
            return false;
        }
    }

    // Certificates whose subject names cert's issuer, not yet on the path:
    // anchors first, then those whose SKI is cert's AKI.
    std::vector<CertInfo> issuers_of(const CertInfo& cert) {
        std::vector<CertInfo> found;
        auto consider = [&](CertInfo candidate) {
            if (!contains(found, candidate) && !contains(m_chain, candidate) &&
                same_name(candidate.subject_der, cert.issuer_der)) {
                found.push_back(std::move(candidate));
            }
        };
        for (const auto& anchor : m_anchors) {
            consider(anchor);
        }
        for (const auto& pooled : m_sources.pool) {
            consider(pooled);
        }
        for (auto& entry : m_sources.keyring.find_by_subject(cert.issuer_der)) {
            consider(std::move(entry.cert));
        }
        Bytes aki = authority_key_id(cert);
        if (!aki.empty()) {
            for (auto& entry : m_sources.keyring.find_by_ski(aki)) {
                consider(std::move(entry.cert));
            }
        }
        if (m_sources.system != nullptr) {
            if (auto issuer = system_issuer(m_sources.system, cert); issuer && !is_anchor(*issuer)) {
                m_anchors.push_back(*issuer);
                consider(std::move(*issuer));
            }
        }
        auto rank = [&](const CertInfo& c) {
            return (is_anchor(c) ? 2 : 0) + (!aki.empty() && c.subject_key_id == aki ? 1 : 0);
        };
        std::stable_sort(found.begin(), found.end(), [&](const CertInfo& a, const CertInfo& b) { return rank(a) > rank(b); });
        return found;
    }

    const PathSources& m_sources;
    std::vector<CertInfo> m_anchors;
    PathParams m_params;
    std::vector<std::string> m_crl_signers_in_progress;
    std::vector<CertInfo> m_chain;
    std::size_t m_steps = 0;
    std::optional<std::string> m_failure;
    std::vector<CertInfo> m_failed_path;
    bool m_failure_is_revocation = false;
    std::vector<CertInfo> m_dead_end;
    bool m_bad_signature = false;
};

}  // namespace

PathResult find_valid_path(const PathSources& sources, const CertInfo& leaf, const PathParams& params) {
    return Search(sources, params).run(leaf);
}

}  // namespace smime::x509
