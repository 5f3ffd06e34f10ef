// Names of content ciphers as used on the command line, in headers and status.
#include <smime/cipher.hpp>

namespace smime {

std::string_view to_string(Cipher cipher) noexcept {
    switch (cipher) {
    case Cipher::aes128_cbc: return "aes128-cbc";
    case Cipher::aes192_cbc: return "aes192-cbc";
    case Cipher::aes256_cbc: return "aes256-cbc";
    case Cipher::aes128_gcm: return "aes128-gcm";
    case Cipher::aes256_gcm: return "aes256-gcm";
    case Cipher::des3_cbc: return "des3-cbc";
    case Cipher::rc2_cbc: return "rc2-cbc";
    }
    return "aes256-cbc";
}

std::optional<Cipher> parse_cipher(std::string_view name) noexcept {
    for (auto c : {Cipher::aes128_cbc, Cipher::aes192_cbc, Cipher::aes256_cbc, Cipher::aes128_gcm,
                   Cipher::aes256_gcm, Cipher::des3_cbc, Cipher::rc2_cbc}) {
        if (to_string(c) == name) {
            return c;
        }
    }
    return std::nullopt;
}

}  // namespace smime
