#include "pki/signer_chain.hpp"

#include <algorithm>

#include "x509/extensions.hpp"

namespace smime::signature {

namespace {
// Longer paths are not mail PKI; the bound also stops issuer loops.
constexpr std::size_t k_max_path = 12;

bool same(const CertInfo& a, const CertInfo& b) { return a.fingerprint == b.fingerprint; }
}  // namespace

std::vector<CertInfo> find_issuers(Keyring& keyring, const CertInfo& leaf, const std::vector<CertInfo>& pool) {
    std::vector<CertInfo> path;
    const CertInfo* current = &leaf;
    while (!current->self_signed && path.size() < k_max_path) {
        std::vector<CertInfo> candidates;
        for (const auto& cert : pool) {
            if (cert.subject_der == current->issuer_der && !same(cert, *current)) {
                candidates.push_back(cert);
            }
        }
        for (auto& entry : keyring.find_by_subject(current->issuer_der)) {
            if (!same(entry.cert, *current)) {
                candidates.push_back(std::move(entry.cert));
            }
        }
        Bytes aki = x509::authority_key_id(*current);
        if (candidates.empty() && !aki.empty()) {
            // Names may differ in encoding only (case, spaces, string types;
            // RFC 5280 §7.1): the key identifier still links them.
            for (const auto& cert : pool) {
                if (cert.subject_key_id == aki && !same(cert, *current)) {
                    candidates.push_back(cert);
                }
            }
            for (auto& entry : keyring.find_by_ski(aki)) {
                if (!same(entry.cert, *current)) {
                    candidates.push_back(std::move(entry.cert));
                }
            }
        }
        if (candidates.empty()) {
            break;
        }
        auto best = std::find_if(candidates.begin(), candidates.end(),
                                 [&](const CertInfo& c) { return !aki.empty() && c.subject_key_id == aki; });
        CertInfo chosen = best != candidates.end() ? *best : candidates.front();
        bool loop = std::any_of(path.begin(), path.end(), [&](const CertInfo& c) { return same(c, chosen); });
        if (loop) {
            break;
        }
        path.push_back(std::move(chosen));
        current = &path.back();
    }
    return path;
}

}  // namespace smime::signature
