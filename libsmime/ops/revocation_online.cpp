#include "ops/revocation_online.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include <smime/error.hpp>
#include <smime/limits.hpp>

#include "ops/revocation_http.hpp"
#include "x509/crl_parts.hpp"
#include "x509/load.hpp"
#include "x509/names.hpp"
#include "pki/anchors.hpp"
#include "pki/ocsp.hpp"
#include "pki/path_building.hpp"
#include "pki/revocation.hpp"
#include "util/time.hpp"

namespace smime::ops {

namespace {

using Clock = std::chrono::steady_clock;
using x509::OcspAnswer;
using x509::OcspStatus;

constexpr std::uint64_t k_default_timeout_seconds = 5;
// An OCSP answer is a few KiB at most; a responder sending more is not one.
constexpr std::size_t k_max_answer_size = 64 * 1024;

// One certificate's answer and where it came from.
struct CertAnswer {
    OcspAnswer answer;
    std::string source;  // "cache", "ocsp"; empty: none
    std::string trouble;  // why no answer, when a responder was asked
};

class OnlineCheck {
public:
    OnlineCheck(Context& ctx, Keyring& keyring, std::time_t at, bool at_given)
        : m_ctx(ctx), m_keyring(keyring), m_at(at), m_at_given(at_given) {
        const Config& config = ctx.config();
        m_policy = config.revocation.value_or(RevocationPolicy::soft);
        m_network = !config.offline.value_or(false) && !at_given;
        m_nonce = config.ocsp_nonce.value_or(true);
        m_max_age = static_cast<std::time_t>(config.ocsp_max_age.value_or(x509::k_default_ocsp_max_age));
        m_deadline = Clock::now() + std::chrono::seconds(config.revocation_timeout.value_or(k_default_timeout_seconds));
    }

    OnlineRevocation run(std::span<const CertInfo> path) {
        OnlineRevocation result;
        if (m_policy == RevocationPolicy::off) {
            return result;
        }
        std::vector<std::string> sources;
        std::vector<std::string> unknown;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            const CertInfo& cert = path[i];
            std::string who = x509::describe_cert(cert, i == 0);
            if (covered_by_crl(path, i)) {
                sources.emplace_back("crl");
                continue;
            }
            auto urls = x509::ocsp_urls(cert);
            auto crl_urls = crl_urls_of(cert);
            if (urls.empty() && crl_urls.empty()) {
                continue;  // nothing to ask: the keyring's CRLs were all there is
            }
            CertAnswer found;
            if (!urls.empty()) {
                found = answer_for(cert, path[i + 1], urls);
                if (found.source == "ocsp" && found.answer.status == OcspStatus::unknown) {
                    found.source.clear();
                    found.trouble = "the OCSP responder does not know it";
                }
            }
            if (found.source.empty() && !crl_urls.empty()) {
                found = answer_from_fetched_crl(path, i, crl_urls, found.trouble);
            }
            if (found.source.empty()) {
                unknown.push_back(who + ": " + found.trouble);
                m_ctx.report().verbose("revocation of " + display_name(cert) + " unknown: " + found.trouble);
                continue;
            }
            m_ctx.report().verbose("revocation of " + display_name(cert) + ": " +
                                   (found.answer.status == OcspStatus::revoked ? "revoked" : "good") + " (" +
                                   found.source + ")");
            if (found.answer.status == OcspStatus::revoked) {
                result.outcome = OnlineRevocation::Outcome::revoked;
                result.source = found.source;
                result.reason = found.source == "crl-fetched"
                                    ? who + " " + found.trouble
                                    : who + " has been revoked (OCSP, since " +
                                          util::format_time(found.answer.revoked_at) + ")";
                return result;
            }
            sources.push_back(found.source);
        }
        if (!unknown.empty()) {
            result.outcome = OnlineRevocation::Outcome::unknown;
            result.source = "unknown";
            result.reason = "revocation unknown: " + unknown.front();
            return result;
        }
        std::vector<std::string> distinct;
        for (auto& source : sources) {
            if (std::find(distinct.begin(), distinct.end(), source) == distinct.end()) {
                distinct.push_back(source);
            }
        }
        if (!distinct.empty()) {
            result.source.clear();
            for (const auto& source : distinct) {
                result.source += (result.source.empty() ? "" : ",") + source;
            }
        }
        return result;
    }

private:
    bool covered_by_crl(std::span<const CertInfo> path, std::size_t index) {
        // import-crl stored only CRLs whose signature it checked.
        x509::CrlSignerCheck any_keyring_signer = [](const CertInfo&) { return true; };
        return x509::revocation_status(m_keyring, path, index, {m_at, false}, any_keyring_signer).status ==
               x509::RevocationStatus::good;
    }

    // The http:// URIs of the certificate's distribution points for CRLs
    // its issuer signs itself (an indirect CRL's issuer is not on the path).
    static std::vector<std::string> crl_urls_of(const CertInfo& cert) {
        std::vector<std::string> urls;
        auto points = x509::distribution_points(x509::shared_crt(cert.der).get());
        for (const auto& point : points.value_or(std::vector<x509::DistributionPoint>{})) {
            if (!point.crl_issuer.empty() || !point.name) {
                continue;
            }
            for (const auto& name : point.name->full_name) {
                std::string url(name.value.begin(), name.value.end());
                if (name.kind == x509::NameKind::uri && url.starts_with("http://") &&
                    url.find_first_of(std::string("\0\r\n ", 4)) == std::string::npos) {
                    urls.push_back(std::move(url));
                }
            }
        }
        return urls;
    }

    // Downloads a CRL for path[index], keeps the first its issuer signed in
    // the keyring (as import-crl would) and judges the certificate by the
    // keyring's CRLs again. source "crl-fetched" when they now answer;
    // trouble says why not, or (revoked) what the CRL says.
    CertAnswer answer_from_fetched_crl(std::span<const CertInfo> path, std::size_t index,
                                       const std::vector<std::string>& urls, std::string trouble) {
        CertAnswer found;
        found.trouble = trouble.empty() ? "" : trouble + "; ";
        if (!m_network) {
            found.trouble += m_at_given ? "no stored CRL for that time" : "offline, and no current stored CRL";
            return found;
        }
        const CertInfo& cert = path[index];
        const CertInfo& issuer = path[index + 1];
        std::string last;
        for (const auto& url : urls) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - Clock::now());
            HttpAnswer http = http_get(url, left, limits::k_max_fetched_crl_size);
            if (!http.ok) {
                last = http.error;
                continue;
            }
            if (auto refused = store_if_from(issuer, cert, http.body)) {
                last = url + ": " + *refused;
                continue;
            }
            x509::CrlSignerCheck any_keyring_signer = [](const CertInfo&) { return true; };
            auto status = x509::revocation_status(m_keyring, path, index, {m_at, false}, any_keyring_signer);
            if (status.status == x509::RevocationStatus::unknown) {
                last = url + ": " + status.reason;
                continue;
            }
            found.source = "crl-fetched";
            found.answer.usable = true;
            found.answer.status =
                status.status == x509::RevocationStatus::revoked ? OcspStatus::revoked : OcspStatus::good;
            found.trouble = status.reason;
            return found;
        }
        found.trouble += last;
        return found;
    }

    // nullopt when the CRL is the issuer's own and is now in the keyring.
    std::optional<std::string> store_if_from(const CertInfo& issuer, const CertInfo& cert, const Bytes& data) {
        try {
            auto crl = x509::load_crl(data);
            gnutls_datum_t raw{nullptr, 0};
            gtls::check(gnutls_x509_crl_get_raw_issuer_dn(crl.get(), &raw), "gnutls_x509_crl_get_raw_issuer_dn");
            Bytes crl_issuer(raw.data, raw.data + raw.size);
            gnutls_free(raw.data);
            if (!x509::same_name(crl_issuer, cert.issuer_der)) {
                return "the CRL is from another issuer";
            }
            if (!x509::crl_signature_verifies(crl.get(), x509::shared_crt(issuer.der).get())) {
                return "the CRL is not signed by the issuer";
            }
            gtls::Datum der;
            gtls::check(gnutls_x509_crl_export2(crl.get(), GNUTLS_X509_FMT_DER, der.out()), "gnutls_x509_crl_export2");
            (void)x509::parse_crl_parts(der.bytes());  // what the revocation check will read
            m_keyring.store_crl(crl_issuer, Bytes(der.bytes().begin(), der.bytes().end()),
                                gnutls_x509_crl_get_this_update(crl.get()));
            return std::nullopt;
        } catch (const Error& e) {
            return std::string("the CRL is not usable: ") + e.what();
        }
    }

    CertAnswer answer_for(const CertInfo& cert, const CertInfo& issuer, const std::vector<std::string>& urls) {
        CertAnswer found;
        if (auto stored = m_keyring.ocsp_answer(cert.fingerprint)) {
            OcspAnswer answer = x509::check_ocsp_answer(*stored, cert, issuer, {m_at, m_max_age, {}});
            if (answer.usable && answer.status != OcspStatus::unknown) {
                found.answer = answer;
                found.source = "cache";
                return found;
            }
        }
        if (!m_network) {
            found.trouble = m_at_given ? "no stored OCSP answer for that time" : "offline, and no stored OCSP answer";
            return found;
        }
        auto request = x509::make_ocsp_request(cert, issuer, m_nonce);
        for (const auto& url : urls) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - Clock::now());
            HttpAnswer http = http_post(url, "application/ocsp-request", "application/ocsp-response", request.der,
                                        left, k_max_answer_size);
            if (!http.ok) {
                found.trouble = http.error;
                continue;
            }
            std::time_t now = std::chrono::system_clock::to_time_t(m_ctx.now());
            OcspAnswer answer = x509::check_ocsp_answer(http.body, cert, issuer, {now, m_max_age, request.nonce});
            if (!answer.usable) {
                found.trouble = url + ": " + answer.why_not;
                continue;
            }
            found.answer = answer;
            found.source = "ocsp";
            if (answer.status != OcspStatus::unknown) {
                remember(cert, http.body);
            }
            return found;
        }
        return found;
    }

    // The cache is a help, not a duty: a keyring we may not write to (a
    // filter run as another user) still gets its answer for this message.
    void remember(const CertInfo& cert, const Bytes& der) {
        try {
            m_keyring.store_ocsp_answer(cert.fingerprint, der);
        } catch (const Error& e) {
            m_ctx.report().verbose(std::string("OCSP answer not stored: ") + e.what());
        }
    }

    Context& m_ctx;
    Keyring& m_keyring;
    std::time_t m_at;
    bool m_at_given;
    RevocationPolicy m_policy = RevocationPolicy::soft;
    bool m_network = true;
    bool m_nonce = true;
    std::time_t m_max_age = 0;
    Clock::time_point m_deadline;
};

}  // namespace

OnlineRevocation check_revocation_online(Context& ctx, Keyring& keyring, std::span<const CertInfo> path,
                                         std::time_t at, bool at_given) {
    return OnlineCheck(ctx, keyring, at, at_given).run(path);
}

OnlineRevocation check_certificate_online(Context& ctx, Keyring& keyring, const CertInfo& cert, std::time_t now) {
    if (ctx.config().revocation.value_or(RevocationPolicy::soft) == RevocationPolicy::off) {
        return {};
    }
    x509::PathSources sources{keyring, {}, x509::anchor_certs(keyring), nullptr};
    auto path = x509::find_valid_path(sources, cert, {now, false, true});
    if (!path.ok) {
        return {};
    }
    return OnlineCheck(ctx, keyring, now, false).run(path.path);
}

bool revocation_refuses(const Context& ctx, const OnlineRevocation& online) {
    bool hard = ctx.config().revocation.value_or(RevocationPolicy::soft) == RevocationPolicy::hard;
    return online.outcome == OnlineRevocation::Outcome::revoked ||
           (online.outcome == OnlineRevocation::Outcome::unknown && hard);
}

}  // namespace smime::ops
