// Where the signature of a message is: a multipart/signed at the top, an
// opaque signed-data body, one buried in a multipart (partial), or none.
#pragma once

#include <string>
#include <string_view>

#include <smime/cert_info.hpp>

#include "mime/entity.hpp"

namespace smime::signature {

enum class Found { none, detached, opaque, partial, malformed };

struct Located {
    Found kind = Found::none;
    std::string_view content;  // detached: the first part, exactly as received
    Bytes der;                 // the CMS (detached signature or opaque SignedData)
    std::string reason;        // for none, partial and malformed
};

// Looks only at the top-level body for a signature; descends into
// multiparts (never into message/rfc822 attachments) only to tell partial
// from none.
Located locate_signature(const mime::Entity& message);

// True when DER is a ContentInfo of type id-signedData.
bool looks_like_signed_data(std::span<const std::uint8_t> der) noexcept;

}  // namespace smime::signature
