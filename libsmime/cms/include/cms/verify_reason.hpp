// The words for a GnuTLS verification result (signer_verify.cpp), one
// sentence per kind of failure.
#pragma once

#include <string>

namespace smime::signature {

std::string reason_from_code(int rc);

}  // namespace smime::signature
