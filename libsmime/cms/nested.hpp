// EFAIL (direct exfiltration) guard: does a multipart message carry an
// encrypted part somewhere inside it? Attached messages (message/rfc822)
// are attachments and are not looked into.
#pragma once

#include <string_view>

namespace smime::cms {

bool is_encrypted_type(std::string_view content_type_value);
bool has_nested_encrypted_part(std::string_view message);

}  // namespace smime::cms
