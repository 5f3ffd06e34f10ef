// --digest for sign and encrypt --sign.
#pragma once

#include <optional>
#include <string>

#include <smime/sign.hpp>

namespace smime::cli {

// "" means "not given" (config, else sha256); anything unknown is a usage error.
std::optional<Digest> parse_digest(const std::string& name);

}  // namespace smime::cli
