// smime send-notification: one message per recipient, signed when the sender
// has a key, encrypted per --encryption, delivered by sendmail, SMTP or into
// a directory. One status line per recipient; exit 0 only when all were sent.
#include <cstdlib>

#include <smime/error.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>
#include <smime/notify.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace smime::cli {

namespace {

NotifyEncryption parse_encryption(const std::string& name) {
    if (name == "none") {
        return NotifyEncryption::none;
    }
    if (name == "if-possible") {
        return NotifyEncryption::if_possible;
    }
    if (name == "required") {
        return NotifyEncryption::required;
    }
    throw Error(Errc::usage, "--encryption must be none, if-possible or required");
}

std::optional<SmtpSettings> smtp_settings(const SendNotificationOptions& options) {
    bool any = !options.smtp.empty() || !options.smtp_user.empty() || !options.smtp_password_file.empty() ||
               !options.smtp_ca.empty() || options.smtp_allow_plaintext;
    if (!any) {
        return std::nullopt;  // smime.conf's smtp-url may still choose SMTP
    }
    return SmtpSettings{options.smtp,    options.smtp_user,    options.smtp_password_file,
                        options.smtp_ca, options.smtp_timeout, options.smtp_allow_plaintext};
}

std::optional<std::string> given(const std::string& value) {
    return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

// Standard input can feed only one of the inputs.
void check_stdin_once(const SendNotificationOptions& options) {
    bool body_from_stdin = options.html.empty() && options.text.empty();
    int uses = (options.recipients_file == "-") + (options.html == "-") + (options.text == "-") + body_from_stdin;
    if (uses > 1) {
        throw Error(Errc::usage, "standard input can be read only once: give the body or the recipients as files");
    }
}

NotifyParams make_params(const SendNotificationOptions& options) {
    check_stdin_once(options);
    NotifyParams params;
    params.recipients = options.to;
    if (!options.recipients_file.empty()) {
        for (auto& address : parse_recipients(read_input(options.recipients_file))) {
            params.recipients.push_back(std::move(address));
        }
    }
    params.from = given(options.from);
    params.subject = options.subject;
    if (!options.html.empty()) {
        params.html = read_input(options.html);
    }
    if (!options.text.empty()) {
        params.text = read_input(options.text);
    }
    if (!params.html && !params.text) {
        params.html = read_input("-");  // SPEC: notifications are HTML
    }
    params.encryption = parse_encryption(options.encryption);
    if (!options.cipher.empty()) {
        params.cipher = parse_cipher(options.cipher);
        if (!params.cipher) {
            throw Error(Errc::usage, "unknown cipher: " + options.cipher);
        }
    }
    params.output_dir = given(options.output_dir);
    params.sendmail = given(options.sendmail);
    params.sendmail_timeout_seconds = options.sendmail_timeout;
    params.smtp = smtp_settings(options);
    return params;
}

void report(const Context& ctx, const std::vector<StatusLine>& lines) {
    size_t sent = 0;
    for (const auto& line : lines) {
        std::string recipient;
        std::string detail;
        for (const auto& [key, value] : line.fields) {
            if (key == "recipient") {
                recipient = value;
            } else if (key == "reason") {
                detail = value;
            } else if ((key == "signed" || key == "encrypted") && value == "true") {
                detail += detail.empty() ? key : ", " + key;
            }
        }
        if (line.status == Status::ok) {
            ++sent;
            ctx.report().verbose("sent to " + recipient + (detail.empty() ? "" : " (" + detail + ")"));
        } else {
            ctx.report().error("not sent to " + recipient + ": " + detail);
        }
    }
    ctx.report().info("send-notification: " + std::to_string(sent) + " of " + std::to_string(lines.size()) +
                      " sent");
}

}  // namespace

CLI::App* setup_send_notification(CLI::App& app, SendNotificationOptions& options) {
    auto* sub = app.add_subcommand("send-notification", "send a signed (and encrypted) message to each recipient");
    sub->add_option("--to", options.to, "recipient address (repeatable)");
    sub->add_option("--recipients-file", options.recipients_file, "one address per line; # comments");
    sub->add_option("--subject", options.subject, "subject (UTF-8)")->required();
    sub->add_option("--html", options.html, "HTML body file (- = stdin)");
    sub->add_option("--text", options.text, "plain-text body file (- = stdin); with --html: multipart/alternative");
    sub->add_option("--encryption", options.encryption, "none (default), if-possible or required")
        ->check(CLI::IsMember({"none", "if-possible", "required"}));
    sub->add_option("--from", options.from, "sender (else notification-sender-email in smime.conf)");
    sub->add_option("--cipher", options.cipher, "content cipher for encrypted messages");
    add_passphrase_options(sub, options.passphrase, "passphrase of the sender's key");
    auto* output_dir = sub->add_option("--output-dir", options.output_dir, "write one .eml per recipient here");
    auto* sendmail = sub->add_option("--sendmail", options.sendmail, "command (default /usr/sbin/sendmail -oi -t)");
    auto* smtp = sub->add_option("--smtp", options.smtp, "smtp://host:port (STARTTLS required) or smtps://host:port");
    output_dir->excludes(sendmail)->excludes(smtp);
    sendmail->excludes(smtp);
    sub->add_option("--sendmail-timeout", options.sendmail_timeout,
                    "seconds a sendmail run may take before it is stopped (default 120)")
        ->check(CLI::Range(1L, 3600L));
    sub->add_option("--smtp-user", options.smtp_user, "SMTP AUTH user");
    sub->add_option("--smtp-password-file", options.smtp_password_file, "file with the SMTP password (first line)");
    sub->add_option("--smtp-ca", options.smtp_ca, "CA certificates (PEM) for the SMTP server");
    sub->add_option("--smtp-timeout", options.smtp_timeout, "seconds to wait for the server (default 30)")
        ->check(CLI::Range(1L, 3600L));
    sub->add_flag("--smtp-allow-plaintext", options.smtp_allow_plaintext,
                  "smtp://: use STARTTLS only when offered (default: required)");
    return sub;
}

int run_send_notification(const SendNotificationOptions& options, Context& ctx) {
    use_passphrase(ctx, options.passphrase);
    NotifyParams params = make_params(options);
    auto keyring = open_dir_keyring(ctx.home());
    std::vector<StatusLine> lines = send_notification(ctx, *keyring, params);
    for (const auto& line : lines) {
        ctx.status().emit(line);
    }
    report(ctx, lines);
    return exit_code(lines);
}

}  // namespace smime::cli
