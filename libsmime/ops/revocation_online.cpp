#include "ops/revocation_online.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include <smime/error.hpp>

#include "ops/revocation_http.hpp"
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
            if (urls.empty()) {
                continue;  // nothing to ask: the keyring's CRLs were all there is
            }
            CertAnswer found = answer_for(cert, path[i + 1], urls);
            if (found.source.empty() || found.answer.status == OcspStatus::unknown) {
                std::string why = found.source.empty() ? found.trouble : "the OCSP responder does not know it";
                unknown.push_back(who + ": " + why);
                m_ctx.report().verbose("revocation of " + display_name(cert) + " unknown: " + why);
                continue;
            }
            m_ctx.report().verbose("revocation of " + display_name(cert) + ": " +
                                   (found.answer.status == OcspStatus::revoked ? "revoked" : "good") + " (" +
                                   found.source + ")");
            if (found.answer.status == OcspStatus::revoked) {
                result.outcome = OnlineRevocation::Outcome::revoked;
                result.source = found.source;
                result.reason = who + " has been revoked (OCSP, since " + util::format_time(found.answer.revoked_at) + ")";
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
