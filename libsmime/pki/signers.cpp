#include "pki/signers.hpp"

#include <algorithm>
#include <cstring>

#include <smime/error.hpp>

#include "cms/capabilities.hpp"
#include "cms/signed_data.hpp"
#include "cms/signer_verify.hpp"
#include "cms/verify_reason.hpp"
#include "mime/line_ends.hpp"
#include "util/read_ahead.hpp"

namespace smime::signature {

namespace {

// Owns what gnutls_pkcs7_get_signature_info fills in.
struct SignatureInfo {
    gnutls_pkcs7_signature_info_st info{};
    SignatureInfo() = default;
    SignatureInfo(const SignatureInfo&) = delete;
    SignatureInfo& operator=(const SignatureInfo&) = delete;
    ~SignatureInfo() { gnutls_pkcs7_signature_info_deinit(&info); }
};

Bytes to_bytes(const gnutls_datum_t& d) { return d.data == nullptr ? Bytes{} : Bytes(d.data, d.data + d.size); }

// The serial as an unsigned magnitude (a leading zero octet is DER sign padding).
Bytes magnitude(Bytes serial) {
    while (serial.size() > 1 && serial.front() == 0) {
        serial.erase(serial.begin());
    }
    return serial;
}

std::optional<CertInfo> find_signer(const gnutls_pkcs7_signature_info_st& info, Keyring& keyring,
                                    const std::vector<CertInfo>& carried) {
    Bytes issuer = to_bytes(info.issuer_dn);
    Bytes serial = magnitude(to_bytes(info.signer_serial));
    Bytes key_id = to_bytes(info.issuer_keyid);
    auto matches = [&](const CertInfo& cert) {
        if (!key_id.empty()) {
            return cert.subject_key_id == key_id;
        }
        return cert.issuer_der == issuer && magnitude(cert.serial) == serial;
    };
    for (const auto& cert : carried) {
        if (matches(cert)) {
            return cert;
        }
    }
    auto stored = key_id.empty() ? keyring.find_by_issuer_serial(issuer, to_bytes(info.signer_serial))
                                 : keyring.find_by_ski(key_id);
    for (auto& entry : stored) {
        if (matches(entry.cert)) {
            return std::move(entry.cert);
        }
    }
    return std::nullopt;
}

std::optional<Bytes> capabilities_of(gnutls_pkcs7_attrs_t attrs) {
    for (unsigned i = 0;; ++i) {
        char* oid = nullptr;
        gtls::Datum value;
        int rc = gnutls_pkcs7_get_attr(attrs, i, &oid, value.out(), 0);
        if (rc < 0) {
            return std::nullopt;  // end of the list
        }
        // oid points into the list (read-only); only the value is ours.
        if (oid != nullptr && std::strcmp(oid, k_oid_smime_capabilities) == 0) {
            return Bytes(value.bytes().begin(), value.bytes().end());
        }
    }
}

// The content's digest, read once front to back a few MiB at a time; a
// detached content's bare LFs are hashed as CRLF, piece by piece (pieces end
// after an LF, so no CRLF is cut).
Bytes content_digest(const SignedBytes& content, gnutls_digest_algorithm_t hash) {
    ContentHasher hasher(hash);
    std::string canonical;
    if (!content.crlf_form) {
        util::for_each_chunk(content.pieces, [&](std::string_view chunk) { hasher.update(chunk); });
        return hasher.finish();
    }
    for (std::string_view bytes : content.pieces) {
        util::for_each_line_piece(bytes, util::droppable_for(bytes), [&](std::string_view piece, std::size_t) {
            if (mime::has_bare_lf(piece)) {
                canonical.clear();
                mime::append_crlf(canonical, piece);
                piece = canonical;
            }
            hasher.update(piece);
        });
    }
    return hasher.finish();
}

}  // namespace

std::vector<CertInfo> carried_certificates(gnutls_pkcs7_t pkcs7) {
    std::vector<CertInfo> certs;
    int count = gnutls_pkcs7_get_crt_count(pkcs7);
    for (int i = 0; i < count; ++i) {
        gtls::Datum der;
        if (gnutls_pkcs7_get_crt_raw2(pkcs7, static_cast<unsigned>(i), der.out()) < 0) {
            continue;
        }
        try {
            certs.push_back(parse_cert_info(der.bytes()));
        } catch (const Error&) {
            // An unparsable extra certificate is simply not a candidate.
        }
    }
    return certs;
}

std::vector<SignerCheck> check_signers(gnutls_pkcs7_t pkcs7, std::span<const std::uint8_t> der,
                                       const SignedBytes& content, Keyring& keyring,
                                       const std::vector<CertInfo>& carried) {
    // Each hash the signers name is computed once, on first need.
    std::vector<std::pair<gnutls_digest_algorithm_t, Bytes>> digests;
    std::string whole;  // only for a signature over the content itself
    bool made_whole = false;
    SignedContent signed_content;
    signed_content.empty = std::ranges::all_of(content.pieces, [](std::string_view p) { return p.empty(); });
    signed_content.digest = [&](gnutls_digest_algorithm_t hash) {
        for (const auto& [known, digest] : digests) {
            if (known == hash) {
                return digest;
            }
        }
        return digests.emplace_back(hash, content_digest(content, hash)).second;
    };
    signed_content.whole = [&]() -> std::string_view {
        if (content.pieces.size() == 1 && !(content.crlf_form && mime::has_bare_lf(content.pieces[0]))) {
            return content.pieces[0];
        }
        if (!made_whole) {
            for (std::string_view piece : content.pieces) {
                content.crlf_form ? mime::append_crlf(whole, piece) : void(whole.append(piece));
            }
            made_whole = true;
        }
        return whole;
    };

    std::vector<SignerCheck> checks;
    int count = gnutls_pkcs7_get_signature_count(pkcs7);
    for (int i = 0; i < count; ++i) {
        SignerCheck check;
        SignatureInfo info;
        int rc = gnutls_pkcs7_get_signature_info(pkcs7, static_cast<unsigned>(i), &info.info);
        if (rc < 0) {
            check.reason = std::string("signer information unreadable: ") + gnutls_strerror(rc);
            checks.push_back(std::move(check));
            continue;
        }
        check.signing_time = info.info.signing_time;
        check.capabilities = capabilities_of(info.info.signed_attrs);
        check.cert = find_signer(info.info, keyring, carried);
        if (!check.cert) {
            check.reason = "signer certificate not found (not in the signature, not in the keyring)";
            checks.push_back(std::move(check));
            continue;
        }
        // Times are judged by the path check (at verification time or --at).
        auto problem = verify_signer_info(der, static_cast<unsigned>(i), info.info, signed_content, *check.cert);
        check.ok = !problem;
        check.reason = problem.value_or("");
        checks.push_back(std::move(check));
    }
    return checks;
}

}  // namespace smime::signature
