// $SMIME_HOME/smime.conf, section [smime] (GLib key file). Options on the
// command line win over these values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smime {

struct Config {
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
};

// Reads the file if it exists; a missing file is an empty Config, a file that
// cannot be parsed throws Error{Errc::config}.
Config load_config(const std::string& home);

// Parses key-file text (for tests and fuzzing).
Config parse_config(std::string_view text);

}  // namespace smime
