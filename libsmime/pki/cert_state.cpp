#include <smime/cert_state.hpp>

#include <algorithm>

#include "pki/anchors.hpp"
#include "pki/ocsp.hpp"
#include "pki/path_building.hpp"
#include "pki/revocation.hpp"

namespace smime {

namespace {

// How the best path attempt ended when it failed: a CA on a path that
// reached an anchor had expired at `at` (then the certificate is `expired`,
// not `untrusted`), or anything else.
bool failed_only_by_expired_ca(const x509::PathResult& path, const std::vector<CertInfo>& anchors, std::time_t at) {
    if (path.revocation || path.path.size() < 2) {
        return false;
    }
    const CertInfo& top = path.path.back();
    bool reached_anchor = std::any_of(anchors.begin(), anchors.end(),
                                      [&](const CertInfo& a) { return a.fingerprint == top.fingerprint; });
    return reached_anchor && std::any_of(path.path.begin() + 1, path.path.end(),
                                         [&](const CertInfo& ca) { return at > ca.not_after; });
}

}  // namespace

std::string_view to_string(CertState state) noexcept {
    switch (state) {
    case CertState::valid: return "valid";
    case CertState::expired: return "expired";
    case CertState::not_yet_valid: return "not-yet-valid";
    case CertState::revoked: return "revoked";
    case CertState::self_signed: return "self-signed";
    case CertState::untrusted: return "untrusted";
    }
    return "untrusted";
}

bool revoked_by_keyring(Keyring& keyring, const CertInfo& cert, std::time_t at) {
    auto stored_answer = keyring.ocsp_answer(cert.fingerprint);
    for (const auto& issuer : keyring.find_by_subject(cert.issuer_der)) {
        const CertInfo path[] = {cert, issuer.cert};
        if (x509::revoked_by_keyring_crls(keyring, path, 0, at)) {
            return true;
        }
        // An OCSP answer verify or encrypt stored, checked again here.
        if (stored_answer) {
            auto answer = x509::check_ocsp_answer(*stored_answer, cert, issuer.cert, {at, x509::k_default_ocsp_max_age, {}});
            if (answer.usable && answer.status == x509::OcspStatus::revoked) {
                return true;
            }
        }
    }
    return false;
}

std::vector<CertState> cert_states(Keyring& keyring, const KeyringEntry& entry, std::time_t now) {
    const CertInfo& cert = entry.cert;
    // Inside the certificate's own validity (a broken one, ending before it begins, at now).
    std::time_t at = cert.not_before <= cert.not_after ? std::clamp(now, cert.not_before, cert.not_after) : now;
    std::vector<CertState> states;
    auto add = [&](CertState state) {
        if (std::find(states.begin(), states.end(), state) == states.end()) {
            states.push_back(state);
        }
    };
    if (now > cert.not_after) {
        add(CertState::expired);
    }
    if (now < cert.not_before) {
        add(CertState::not_yet_valid);
    }
    bool revoked = revoked_by_keyring(keyring, cert, at);
    if (revoked) {
        add(CertState::revoked);
    }
    if (cert.self_signed && !entry.trusted) {
        add(CertState::self_signed);
    }
    auto anchors = x509::anchor_certs(keyring);
    x509::PathSources sources{keyring, {}, anchors, nullptr};
    auto path = x509::find_valid_path(sources, cert, {at, false, true});
    if (!path.ok && !(revoked && path.revocation)) {  // the leaf's own revocation is said above
        add(failed_only_by_expired_ca(path, anchors, at) ? CertState::expired : CertState::untrusted);
    }
    if (states.empty()) {
        return {CertState::valid};
    }
    std::sort(states.begin(), states.end());  // SPEC order
    return states;
}

std::vector<std::string> state_words(const std::vector<CertState>& states) {
    std::vector<std::string> words;
    for (auto state : states) {
        words.emplace_back(to_string(state));
    }
    return words;
}

}  // namespace smime
