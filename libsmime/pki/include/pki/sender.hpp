// SPEC verify: the signer's certificate must carry the From address. Stricter
// than RFC 8550 on purpose: an `ok` means "the person in From wrote this".
#pragma once

#include <string>
#include <vector>

#include "mime/entity.hpp"

namespace smime::signature {

struct SenderMatch {
    bool ok = false;
    std::string address;  // the matched address (as written in the message)
    std::string reason;   // when !ok
};

SenderMatch match_sender(const mime::Entity& message, const std::vector<std::string>& cert_emails);

}  // namespace smime::signature
