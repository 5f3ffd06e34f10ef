// The message digests smime signs with (sign --digest).
#pragma once

namespace smime {

enum class Digest { sha256, sha384, sha512 };

}  // namespace smime
