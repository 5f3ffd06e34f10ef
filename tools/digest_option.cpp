#include "digest_option.hpp"

#include <smime/error.hpp>

namespace smime::cli {

std::optional<Digest> parse_digest(const std::string& name) {
    if (name.empty()) return std::nullopt;
    if (name == "sha256") return Digest::sha256;
    if (name == "sha384") return Digest::sha384;
    if (name == "sha512") return Digest::sha512;
    throw Error(Errc::usage, "--digest must be sha256, sha384 or sha512, not " + name);
}

}  // namespace smime::cli
