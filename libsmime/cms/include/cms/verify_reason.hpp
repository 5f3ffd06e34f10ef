// The words for a GnuTLS verification result, shared by the PKCS#7 check
// (signers.cpp) and the RSA-PSS one (pss_verify.cpp) so that both say the
// same for the same failure.
#pragma once

#include <string>

namespace smime::signature {

std::string reason_from_code(int rc);

}  // namespace smime::signature
