// Email address helpers (no smime includes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smime::util {

// ASCII-lowercases the address; UTF-8 bytes stay as they are (SPEC: matched
// ASCII case-insensitively, internationalized addresses in UTF-8).
std::string fold_address(std::string_view address);

// True for something that looks like local@domain (no spaces, no angle brackets).
bool looks_like_address(std::string_view text);

// The bare addresses of an RFC 5322 address-list header value
// ("Alice <a@x>, b@y, group: c@z;"); display names and comments dropped.
std::vector<std::string> parse_address_list(std::string_view header_value);

}  // namespace smime::util
