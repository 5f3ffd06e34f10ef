// Where the signature of a message is: a multipart/signed at the top, an
// opaque signed-data body, one buried in a multipart (partial), or none.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <smime/cert_info.hpp>
#include <smime/spill_buffer.hpp>

#include "mime/entity.hpp"

namespace smime::signature {

enum class Found { none, detached, opaque, partial, malformed };

struct Located {
    Found kind = Found::none;
    std::string_view content;  // detached: the first part, exactly as received
    // The CMS (detached signature or opaque SignedData), decoded into a
    // SpillBuffer: an opaque body of 100 MB is not held in memory.
    std::unique_ptr<SpillBuffer> der_store;
    std::span<const std::uint8_t> der;
    std::string reason;        // for none, partial and malformed
};

// Looks only at the top-level body for a signature; descends into
// multiparts (never into message/rfc822 attachments) only to tell partial
// from none.
Located locate_signature(const mime::Entity& message);

// True when DER is a ContentInfo of type id-signedData.
bool looks_like_signed_data(std::span<const std::uint8_t> der) noexcept;

}  // namespace smime::signature
