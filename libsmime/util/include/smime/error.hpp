// The one exception type of libsmime. Expected outcomes (bad signature, no
// key, not possible to encrypt) are Results, never exceptions; an Error means
// the command itself could not run (usage, config, I/O, …) and maps to exit 2.
#pragma once

#include <smime/export.hpp>

#include <stdexcept>
#include <string>

namespace smime {

enum class Errc {
    usage,     // bad option or argument
    config,    // smime.conf unreadable or invalid
    io,        // file or keyring could not be read or written
    parse,     // input not understood (certificate, key, message)
    crypto,    // a cryptographic library call failed
    keyring,   // keyring inconsistent or refused an operation
    internal,  // a bug
};

SMIME_API const char* to_string(Errc code) noexcept;

class SMIME_API Error : public std::runtime_error {
public:
    Error(Errc code, const std::string& what, int library_code = 0)
        : std::runtime_error(what), m_code(code), m_library_code(library_code) {}

    Errc code() const noexcept { return m_code; }
    // The return code of the C library call that failed, or 0.
    int library_code() const noexcept { return m_library_code; }

private:
    Errc m_code;
    int m_library_code;
};

}  // namespace smime
