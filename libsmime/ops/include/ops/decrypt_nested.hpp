// What decrypt checks about the structure around the encrypted content: the
// EFAIL (direct exfiltration) guard (does a multipart message carry an
// encrypted part somewhere inside it? Attached messages (message/rfc822) are
// attachments and are not looked into), and the nesting limit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mime/entity.hpp"

namespace smime::cms {

bool is_encrypted_type(const mime::ContentType& type);
bool has_nested_encrypted_part(const mime::Entity& message, const mime::ContentType& type);

// The reason to fail a message whose MIME structure nests deeper than
// limits::k_max_mime_depth; nullopt for any other.
std::optional<std::string> too_deep_reason(std::string_view message);

}  // namespace smime::cms
