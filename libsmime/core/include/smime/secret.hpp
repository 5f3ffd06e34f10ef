// Passphrases: read from a file or a file descriptor (first line, one
// trailing LF or CRLF not part of it) and wiped from memory when dropped.
#pragma once

#include <smime/export.hpp>

#include <optional>
#include <string>

namespace smime {

class SMIME_API Secret {
public:
    explicit Secret(std::string value) : m_value(std::move(value)) {}
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    Secret(Secret&& other) noexcept : m_value(std::move(other.m_value)) { other.wipe(); }
    ~Secret() { wipe(); }
    const std::string& value() const noexcept { return m_value; }

private:
    void wipe() noexcept;
    std::string m_value;
};

// Throws Error{Errc::io} when the file cannot be read.
SMIME_API Secret read_passphrase_file(const std::string& path);

// Reads the first line from descriptor fd (gpgsm --passphrase-fd), one byte
// at a time so nothing after the line is consumed. Throws Error{Errc::io}.
SMIME_API Secret read_passphrase_fd(int fd);

// The passphrase of the context (Context::passphrase(), else its passphrase
// file), if one was given.
class Context;
SMIME_API std::optional<Secret> context_passphrase(const Context& ctx);

}  // namespace smime
