// $SMIME_HOME/smime.conf, section [smime] (GLib key file). Options on the
// command line win over these values.
#pragma once

#include <smime/export.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smime {

// Online revocation checking (OCSP): off; soft (an answer nobody could
// give is "revocation unknown", and the check passes); hard (it fails).
enum class RevocationPolicy { off, soft, hard };

struct SMIME_API Config {
    std::optional<std::string> notification_sender_email;
    std::optional<std::string> sendmail;
    std::optional<std::string> smtp_url;
    std::optional<std::string> smtp_user;
    std::optional<std::string> smtp_password_file;
    std::optional<std::string> smtp_ca;
    std::optional<std::string> default_cipher;
    std::optional<std::string> digest;
    std::optional<bool> system_trust;
    std::optional<bool> require_crl;
    std::optional<std::uint64_t> max_message_size;  // bytes; see message_size_limit()
    std::optional<RevocationPolicy> revocation;     // default soft
    std::optional<bool> offline;                    // no network at all
    std::optional<bool> ocsp_nonce;                 // default true
    std::optional<std::uint64_t> revocation_timeout;  // seconds of network per message, default 5
    std::optional<std::uint64_t> ocsp_max_age;      // seconds an answer without nextUpdate is reused, default 3600

    // max-message-size, else limits::k_default_max_message_size.
    std::uint64_t message_size_limit() const noexcept;
};

// The reason to give when a message of size bytes is above the limit;
// nullopt when it is within. verify/decrypt report it as `failed`, sign and
// encrypt refuse (Error{Errc::io}, exit 2).
SMIME_API std::optional<std::string> oversize_reason(const Config& config, std::size_t size);

// "off", "soft", "hard"; throws Error{Errc::config} (what names the setting)
// for anything else.
SMIME_API RevocationPolicy parse_revocation_policy(std::string_view text, std::string_view what);

// "1048576", "512K", "256M", "1G" (binary units). Throws Error{Errc::config}
// (what names the setting) for anything else or for 0.
SMIME_API std::uint64_t parse_byte_size(std::string_view text, std::string_view what);

// Reads the file if it exists; a missing file is an empty Config, a file that
// cannot be parsed throws Error{Errc::config}.
SMIME_API Config load_config(const std::string& home);

// Parses key-file text (for tests and fuzzing).
SMIME_API Config parse_config(std::string_view text);

}  // namespace smime
