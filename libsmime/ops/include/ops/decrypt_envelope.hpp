// Opens a CMS (Auth)EnvelopedData with a key of the keyring: finds the
// recipients we hold keys for, unwraps the content key, decrypts into a
// scratch file.
#pragma once

#include <span>
#include <string>

#include <smime/context.hpp>
#include <smime/encrypt.hpp>
#include <smime/keyring.hpp>
#include <smime/spill_buffer.hpp>

#include "tasn1/ber.hpp"

namespace smime::cms {

// Every key or padding or tag failure reads the same (no oracle).
inline constexpr const char* k_decryption_failed = "decryption failed (wrong key or damaged message)";
inline constexpr const char* k_no_key = "no private key for any recipient";

struct OpenResult {
    bool ok = false;
    std::string reason;        // when !ok
    std::string recipient;     // the certificate's first address (else subject) that opened it
    Cipher cipher = Cipher::aes256_cbc;
    bool aead = false;
    std::size_t plaintext_size = 0;  // the plaintext is plaintext.view()[0, plaintext_size)
};

// The content is decrypted into plaintext a MiB at a time, der read with
// its pages dropped behind (a DroppableInput over it lets them go); ok only
// when the GCM tag or the CBC padding is right, and never look at
// plaintext otherwise. Malformed structures throw Error{Errc::parse}; a
// scratch file that cannot take the plaintext, Error{Errc::io}.
OpenResult open_envelope(Context& ctx, Keyring& keyring, ByteView der, SpillBuffer& plaintext);

}  // namespace smime::cms
