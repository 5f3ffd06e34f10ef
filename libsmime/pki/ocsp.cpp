#include "pki/ocsp.hpp"

#include <algorithm>

#include <gnutls/ocsp.h>
#include <gnutls/x509.h>

#include <smime/error.hpp>

#include "gnutls/handle.hpp"
#include "x509/load.hpp"

namespace smime::x509 {

namespace {

using OcspReq = gtls::Owner<gnutls_ocsp_req_t, gnutls_ocsp_req_deinit>;
using OcspResp = gtls::Owner<gnutls_ocsp_resp_t, gnutls_ocsp_resp_deinit>;

OcspAnswer unusable(std::string why) {
    OcspAnswer answer;
    answer.why_not = std::move(why);
    return answer;
}

// The single response about crt, or -1.
int single_for(gnutls_ocsp_resp_t resp, gnutls_x509_crt_t crt) {
    for (unsigned index = 0;; ++index) {
        int rc = gnutls_ocsp_resp_check_crt(resp, index, crt);
        if (rc == 0) {
            return static_cast<int>(index);
        }
        if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE || index > 64) {
            return -1;
        }
    }
}

}  // namespace

OcspRequest make_ocsp_request(const CertInfo& cert, const CertInfo& issuer, bool with_nonce) {
    gnutls_ocsp_req_t raw = nullptr;
    gtls::check(gnutls_ocsp_req_init(&raw), "gnutls_ocsp_req_init");
    OcspReq req(raw);
    auto crt = shared_crt(cert.der);
    auto issuer_crt = shared_crt(issuer.der);
    gtls::check(gnutls_ocsp_req_add_cert(req.get(), GNUTLS_DIG_SHA1, issuer_crt.get(), crt.get()),
                "gnutls_ocsp_req_add_cert");
    OcspRequest out;
    if (with_nonce) {
        gtls::check(gnutls_ocsp_req_randomize_nonce(req.get()), "gnutls_ocsp_req_randomize_nonce");
        gtls::Datum nonce;
        unsigned critical = 0;
        gtls::check(gnutls_ocsp_req_get_nonce(req.get(), &critical, nonce.out()), "gnutls_ocsp_req_get_nonce");
        out.nonce.assign(nonce.bytes().begin(), nonce.bytes().end());
    }
    gtls::Datum der;
    gtls::check(gnutls_ocsp_req_export(req.get(), der.out()), "gnutls_ocsp_req_export");
    out.der.assign(der.bytes().begin(), der.bytes().end());
    return out;
}

std::vector<std::string> ocsp_urls(const CertInfo& cert) {
    std::vector<std::string> urls;
    auto crt = shared_crt(cert.der);
    for (unsigned seq = 0; seq < 16; ++seq) {
        gnutls_datum_t uri{nullptr, 0};
        unsigned critical = 0;
        int rc = gnutls_x509_crt_get_authority_info_access(crt.get(), seq, GNUTLS_IA_OCSP_URI, &uri, &critical);
        if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
            break;
        }
        if (rc < 0) {
            continue;  // another access method (caIssuers) at this position
        }
        std::string url(reinterpret_cast<const char*>(uri.data), uri.size);
        gnutls_free(uri.data);
        if (url.starts_with("http://") && url.find_first_of(std::string("\0\r\n ", 4)) == std::string::npos) {
            urls.push_back(std::move(url));
        }
    }
    return urls;
}

OcspAnswer check_ocsp_answer(std::span<const std::uint8_t> der, const CertInfo& cert, const CertInfo& issuer,
                             const OcspCheck& check) {
    gnutls_ocsp_resp_t raw = nullptr;
    gtls::check(gnutls_ocsp_resp_init(&raw), "gnutls_ocsp_resp_init");
    OcspResp resp(raw);
    auto datum = gtls::borrow(der);
    if (gnutls_ocsp_resp_import(resp.get(), &datum) < 0) {
        return unusable("the OCSP answer is malformed");
    }
    if (gnutls_ocsp_resp_get_status(resp.get()) != GNUTLS_OCSP_RESP_SUCCESSFUL) {
        return unusable("the OCSP responder refused (status " + std::to_string(gnutls_ocsp_resp_get_status(resp.get())) +
                        ")");
    }
    auto issuer_crt = shared_crt(issuer.der);
    unsigned verify = 0;
    if (gnutls_ocsp_resp_verify_direct(resp.get(), issuer_crt.get(), &verify, 0) < 0 || verify != 0) {
        return unusable("the OCSP answer is not signed by the issuer or a responder it authorised");
    }
    if (!check.nonce.empty()) {
        gtls::Datum nonce;
        unsigned critical = 0;
        int rc = gnutls_ocsp_resp_get_nonce(resp.get(), &critical, nonce.out());
        // Absent: the responder ignores nonces (many do), and the time
        // window below still bounds a replay; present and different: a replay.
        if (rc >= 0 && !std::ranges::equal(nonce.bytes(), check.nonce)) {
            return unusable("the OCSP answer is for another request (nonce)");
        }
    }
    auto crt = shared_crt(cert.der);
    int index = single_for(resp.get(), crt.get());
    if (index < 0) {
        return unusable("the OCSP answer is about another certificate");
    }
    unsigned status = 0;
    OcspAnswer answer;
    if (gnutls_ocsp_resp_get_single(resp.get(), static_cast<unsigned>(index), nullptr, nullptr, nullptr, nullptr,
                                    &status, &answer.this_update, &answer.next_update, &answer.revoked_at,
                                    nullptr) < 0) {
        return unusable("the OCSP answer is malformed");
    }
    if (answer.next_update == static_cast<std::time_t>(-1)) {
        answer.next_update = 0;
    }
    if (answer.this_update > check.at + k_ocsp_clock_skew) {
        return unusable("the OCSP answer is from the future");
    }
    std::time_t until = answer.next_update != 0 ? answer.next_update : answer.this_update + check.max_age;
    if (check.at > until + k_ocsp_clock_skew) {
        return unusable("the OCSP answer is out of date");
    }
    answer.usable = true;
    answer.status = status == GNUTLS_OCSP_CERT_GOOD      ? OcspStatus::good
                    : status == GNUTLS_OCSP_CERT_REVOKED ? OcspStatus::revoked
                                                         : OcspStatus::unknown;
    if (answer.status == OcspStatus::revoked && answer.revoked_at > check.at) {
        answer.status = OcspStatus::good;  // revoked only after the time asked about
    }
    return answer;
}

}  // namespace smime::x509
