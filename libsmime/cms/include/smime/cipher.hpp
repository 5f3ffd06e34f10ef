// The content-encryption algorithms smime writes and reads (encrypt --cipher).
#pragma once

#include <smime/export.hpp>

#include <optional>
#include <string_view>

namespace smime {

enum class Cipher { aes128_cbc, aes192_cbc, aes256_cbc, aes128_gcm, aes256_gcm, des3_cbc, rc2_cbc };
SMIME_API std::string_view to_string(Cipher cipher) noexcept;
SMIME_API std::optional<Cipher> parse_cipher(std::string_view name) noexcept;

}  // namespace smime
