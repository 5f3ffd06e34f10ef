// smime send-notification: one signed (and, by policy, encrypted) message per
// recipient, delivered by sendmail, SMTP or into a directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <smime/context.hpp>
#include <smime/encrypt.hpp>
#include <smime/keyring.hpp>
#include <smime/status.hpp>

namespace smime {

enum class NotifyEncryption { none, if_possible, required };

struct SmtpSettings {
    std::string url;            // smtp://host:port (STARTTLS required) or smtps://
    std::string user;
    std::string password_file;  // never the password itself on argv
    std::string ca_file;        // private CA for the server certificate
    long timeout_seconds = 30;
};

struct NotifyParams {
    std::vector<std::string> recipients;
    std::optional<std::string> from;
    std::string subject;
    std::optional<std::string> html;
    std::optional<std::string> text;
    NotifyEncryption encryption = NotifyEncryption::none;
    std::optional<Cipher> cipher;
    // Exactly one delivery: output_dir, smtp, or sendmail (the default).
    std::optional<std::string> output_dir;
    std::optional<SmtpSettings> smtp;
    std::optional<std::string> sendmail;
};

// One status line per recipient (op "send-notification").
std::vector<StatusLine> send_notification(Context& ctx, Keyring& keyring, const NotifyParams& params);

}  // namespace smime
