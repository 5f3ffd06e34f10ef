// smime send-notification: one signed (and, by policy, encrypted) message per
// recipient, delivered by sendmail, SMTP or into a directory.
#pragma once

#include <smime/export.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <smime/context.hpp>
#include <smime/encrypt.hpp>
#include <smime/keyring.hpp>
#include <smime/status.hpp>

namespace smime {

enum class NotifyEncryption { none, if_possible, required };

struct SMIME_API SmtpSettings {
    std::string url;            // smtp://host:port (STARTTLS required) or smtps://
    std::string user;
    std::string password_file;  // never the password itself on argv
    std::string ca_file;        // private CA for the server certificate
    long timeout_seconds = 30;  // connect, each server reply, and a stalled upload
    bool allow_plaintext = false;  // smtp://: use STARTTLS when offered instead of requiring it
};

struct SMIME_API NotifyParams {
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
    long sendmail_timeout_seconds = 120;  // a sendmail still running then is killed: not sent
};

// One status line per recipient (op "send-notification"), in the order of
// params.recipients with duplicates (compared case-insensitively) dropped:
// Status::ok with fields recipient, signed, encrypted, message_id; or
// Status::not_sent with recipient and reason. Every message is composed,
// signed and encrypted before the first one is delivered, so an Error (the
// command cannot run: no sender, bad delivery settings) sends nothing.
SMIME_API std::vector<StatusLine> send_notification(Context& ctx, Keyring& keyring, const NotifyParams& params);

// The addresses of a recipients file: one per line, '#' starts a comment,
// blank lines ignored, surrounding white space trimmed. Throws
// Error{Errc::usage} naming the line of anything that is not an address.
SMIME_API std::vector<std::string> parse_recipients(std::string_view text);

}  // namespace smime
