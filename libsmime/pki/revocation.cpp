#include "pki/revocation.hpp"

#include <algorithm>

#include <smime/error.hpp>

#include "gnutls/handle.hpp"
#include "util/time.hpp"
#include "x509/crl_parts.hpp"
#include "x509/general_name.hpp"
#include "x509/load.hpp"
#include "x509/names.hpp"

namespace smime::x509 {

namespace {

// One stored CRL: GnuTLS's view (signature, times) and ours (extensions).
struct Crl {
    gtls::X509Crl gnutls;
    CrlParts parts;
    std::time_t this_update = 0;
    std::time_t next_update = -1;

    bool current_at(std::time_t at) const { return this_update <= at && (next_update == -1 || next_update >= at); }
    bool is_delta() const { return parts.base_number.has_value(); }
};

std::vector<Crl> crls_issued_by(Keyring& keyring, std::span<const std::uint8_t> issuer_der) {
    std::vector<Crl> out;
    for (const auto& der : keyring.crls_for_issuer(issuer_der)) {
        try {
            Crl crl{load_crl(der), parse_crl_parts(der)};
            if (!same_name(crl.parts.issuer_der, issuer_der)) {
                continue;  // another name with the same hash
            }
            crl.this_update = gnutls_x509_crl_get_this_update(crl.gnutls.get());
            crl.next_update = gnutls_x509_crl_get_next_update(crl.gnutls.get());
            out.push_back(std::move(crl));
        } catch (const Error&) {
            // an unreadable stored CRL is as if absent
        }
    }
    return out;
}

bool signature_verifies(const Crl& crl, const CertInfo& signer) {
    return crl_signature_verifies(crl.gnutls.get(), shared_crt(signer.der).get());
}

// Everything about one certificate's revocation check (RFC 5280 §6.3.3).
class RevocationCheck {
public:
    RevocationCheck(Keyring& keyring, const CertInfo& cert, const CertInfo& issuer, const RevocationParams& params,
                    const CrlSignerCheck& signer_check)
        : m_keyring(keyring), m_cert(cert), m_issuer(issuer), m_params(params), m_signer_check(signer_check) {}

    RevocationResult run() {
        auto crt = shared_crt(m_cert.der);
        // No cRLDistributionPoints: one point with no name, served by the issuer.
        auto points = distribution_points(crt.get()).value_or(std::vector<DistributionPoint>(1));
        for (const auto& point : points) {
            if (m_revoked || m_reasons == k_all_reasons) {
                break;
            }
            for (const auto& crl_issuer : crl_issuers(point)) {
                auto crls = crls_issued_by(m_keyring, crl_issuer);
                for (const auto& crl : crls) {
                    if (!crl.is_delta()) {
                        apply(crl, crls, point);
                    }
                }
            }
        }
        return verdict();
    }

private:
    std::vector<Bytes> crl_issuers(const DistributionPoint& point) const {
        if (point.crl_issuer.empty()) {
            // CRLs are filed under the name as the CRL spells it, which is
            // how the CA spells its own name, not always how the
            // certificate spells its issuer (RFC 5280 §7.1: still equal).
            if (m_issuer.subject_der != m_cert.issuer_der && same_name(m_issuer.subject_der, m_cert.issuer_der)) {
                return {m_cert.issuer_der, m_issuer.subject_der};
            }
            return {m_cert.issuer_der};
        }
        std::vector<Bytes> names;
        for (const auto& name : point.crl_issuer) {
            if (name.kind == NameKind::directory_name) {
                names.push_back(name.value);
            }
        }
        return names;
    }

    // §6.3.3 (b): the CRL is from the right issuer and its scope covers the certificate.
    bool in_scope(const Crl& crl, const DistributionPoint& point) const {
        const auto& idp = crl.parts.idp;
        if (point.crl_issuer.empty()) {
            if (!same_name(crl.parts.issuer_der, m_cert.issuer_der)) {
                return false;
            }
        } else if (!idp || !idp->indirect ||
                   !intersects(point.crl_issuer, {directory_name(crl.parts.issuer_der)})) {
            return false;
        }
        if (!idp) {
            return true;
        }
        if (idp->name && !names_match(*idp->name, crl, point)) {
            return false;
        }
        return !(idp->only_user_certs && m_cert.is_ca) && !(idp->only_ca_certs && !m_cert.is_ca) &&
               !idp->only_attribute_certs;
    }

    bool names_match(const DistributionPointName& idp_name, const Crl& crl, const DistributionPoint& point) const {
        GeneralNames idp_names = idp_name.full_names(crl.parts.issuer_der);
        if (point.name) {
            // A relative name in the certificate is relative to the CRL issuer it names.
            const Bytes& base = point.crl_issuer.empty() ? m_cert.issuer_der : crl.parts.issuer_der;
            return intersects(idp_names, point.name->full_names(base));
        }
        return intersects(idp_names, point.crl_issuer);
    }

    // §6.3.3 (c): the reasons this CRL (with this distribution point) covers.
    static ReasonMask interim_reasons(const Crl& crl, const DistributionPoint& point) {
        ReasonMask mask = point.reasons.value_or(k_all_reasons);
        if (crl.parts.idp && crl.parts.idp->only_some_reasons) {
            mask &= *crl.parts.idp->only_some_reasons;
        }
        return mask;
    }

    // §6.3.3 (f): signed by the issuer on the path, or by another certificate
    // of the CRL issuer's name that path validation accepts as a CRL signer.
    bool trusted_signature(const Crl& crl) const {
        if (crl.parts.unknown_critical) {
            return false;  // §5.2, §5.3: a CRL with a critical extension we cannot process is not used
        }
        if (same_name(crl.parts.issuer_der, m_issuer.subject_der) && signature_verifies(crl, m_issuer)) {
            return true;
        }
        for (const auto& candidate : m_keyring.find_by_subject(crl.parts.issuer_der)) {
            if (candidate.cert.fingerprint != m_issuer.fingerprint && signature_verifies(crl, candidate.cert) &&
                m_signer_check && m_signer_check(candidate.cert)) {
                return true;
            }
        }
        return false;
    }

    // §5.2.4: the newest delta CRL of the same issuer and scope that applies on top of this complete CRL.
    const Crl* delta_for(const Crl& complete, const std::vector<Crl>& crls) const {
        const Crl* best = nullptr;
        if (!complete.parts.number) {
            return nullptr;
        }
        for (const auto& delta : crls) {
            if (!delta.is_delta() || delta.parts.idp_der != complete.parts.idp_der || !delta.parts.number ||
                integer_less(*complete.parts.number, *delta.parts.base_number) ||
                !integer_less(*complete.parts.number, *delta.parts.number) || !trusted_signature(delta)) {
                continue;
            }
            if (!best || integer_less(*best->parts.number, *delta.parts.number)) {
                best = &delta;
            }
        }
        return best;
    }

    const CrlEntry* listed_in(const Crl& crl) const {
        Bytes serial = trim_integer(m_cert.serial);
        GeneralNames issuer{directory_name(m_cert.issuer_der)};
        for (const auto& entry : crl.parts.entries) {
            if (entry.serial == serial && intersects(entry.issuer, issuer)) {
                return &entry;
            }
        }
        return nullptr;
    }

    // §6.3.3 (d)-(k) for one complete CRL and its delta, if any.
    void apply(const Crl& complete, const std::vector<Crl>& crls, const DistributionPoint& point) {
        ReasonMask interim = interim_reasons(complete, point);
        if ((interim & ~m_reasons) == 0 || !in_scope(complete, point) || !trusted_signature(complete)) {
            return;
        }
        const Crl* delta = delta_for(complete, crls);
        const CrlEntry* entry = delta ? listed_in(*delta) : nullptr;
        if (!entry) {
            entry = listed_in(complete);
        }
        // certificateHold revokes; removeFromCRL (in a delta) lifts a hold.
        if (entry && entry->reason != k_reason_remove_from_crl) {
            m_revoked = true;
        }
        const Crl& judged = delta ? *delta : complete;
        if (!judged.current_at(m_params.at)) {
            m_stale_next_update = judged.next_update;
            return;  // an old CRL still revokes, but does not vouch for the certificate
        }
        m_reasons |= interim;
    }

    RevocationResult verdict() const {
        if (m_revoked) {
            return {RevocationStatus::revoked, "has been revoked"};
        }
        if (m_reasons == k_all_reasons) {
            return {RevocationStatus::good, {}};
        }
        if (m_stale_next_update) {
            return {RevocationStatus::unknown, "the CRL from \"" + display_name(m_issuer) + "\" is not current (next update " +
                                                   util::format_date(*m_stale_next_update) + ")"};
        }
        return {RevocationStatus::unknown, "no CRL from \"" + display_name(m_issuer) + "\" (--require-crl)"};
    }

    Keyring& m_keyring;
    const CertInfo& m_cert;
    const CertInfo& m_issuer;
    const RevocationParams& m_params;
    const CrlSignerCheck& m_signer_check;
    ReasonMask m_reasons = 0;
    bool m_revoked = false;
    std::optional<std::time_t> m_stale_next_update;
};

}  // namespace

std::string describe_cert(const CertInfo& cert, bool leaf) {
    return leaf ? std::string("certificate") : "issuer certificate \"" + display_name(cert) + "\"";
}

RevocationResult revocation_status(Keyring& keyring, std::span<const CertInfo> path, std::size_t index,
                                   const RevocationParams& params, const CrlSignerCheck& signer_check) {
    return RevocationCheck(keyring, path[index], path[index + 1], params, signer_check).run();
}

bool revoked_by_keyring_crls(Keyring& keyring, std::span<const CertInfo> path, std::size_t index, std::time_t at) {
    CrlSignerCheck any_keyring_signer = [](const CertInfo&) { return true; };
    return revocation_status(keyring, path, index, {at, false}, any_keyring_signer).status == RevocationStatus::revoked;
}

std::optional<std::string> check_revocation(Keyring& keyring, std::span<const CertInfo> path, std::size_t index,
                                            const RevocationParams& params, const CrlSignerCheck& signer_check) {
    auto result = revocation_status(keyring, path, index, params, signer_check);
    switch (result.status) {
    case RevocationStatus::good: return std::nullopt;
    case RevocationStatus::revoked: return describe_cert(path[index], index == 0) + " " + result.reason;
    case RevocationStatus::unknown: break;
    }
    if (!params.require_crl) {
        return std::nullopt;
    }
    return result.reason;
}

}  // namespace smime::x509
