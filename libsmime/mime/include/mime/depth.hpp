// How deep a MIME structure nests, looked at only as far as the limit
// (limits::k_max_mime_depth), so a 1,000-level message costs no more than a
// 65-level one.
#pragma once

#include <string_view>

namespace smime::mime {

// True when multipart and message/rfc822 containers nest more than limit
// levels deep inside entity_bytes (the entity itself is level 0).
bool nested_deeper_than(std::string_view entity_bytes, int limit);

// The reason verify and decrypt give for such a message.
std::string_view too_deep_reason() noexcept;

}  // namespace smime::mime
