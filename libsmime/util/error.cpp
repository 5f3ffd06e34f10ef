#include <smime/error.hpp>

namespace smime {

const char* to_string(Errc code) noexcept {
    switch (code) {
    case Errc::usage: return "usage";
    case Errc::config: return "config";
    case Errc::io: return "io";
    case Errc::parse: return "parse";
    case Errc::crypto: return "crypto";
    case Errc::keyring: return "keyring";
    case Errc::internal: return "internal";
    }
    return "internal";
}

}  // namespace smime
