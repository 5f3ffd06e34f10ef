#include "cms/verify_reason.hpp"

#include <gnutls/gnutls.h>

namespace smime::signature {

std::string reason_from_code(int rc) {
    switch (rc) {
    case GNUTLS_E_PK_SIG_VERIFY_FAILED:
        return "signature does not match the signed content";
    case GNUTLS_E_KEY_USAGE_VIOLATION:
        return "certificate key usage does not allow signing";
    case GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM:
    case GNUTLS_E_UNKNOWN_PK_ALGORITHM:
    case GNUTLS_E_UNKNOWN_HASH_ALGORITHM:
        return "signature algorithm not supported";
    case GNUTLS_E_INSUFFICIENT_SECURITY:
    case GNUTLS_E_CONSTRAINT_ERROR:
        return "signature algorithm or key is too weak";
    default:
        return std::string("signature could not be checked: ") + gnutls_strerror(rc);
    }
}

}  // namespace smime::signature
