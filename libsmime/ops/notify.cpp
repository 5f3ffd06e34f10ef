// send_notification: resolve sender and delivery, prepare every message
// (compose, sign, encrypt), then deliver them all and report per recipient.
#include <set>

#include <smime/error.hpp>
#include <smime/notify.hpp>

#include "ops/notify_compose.hpp"
#include "ops/notify_deliver.hpp"
#include "ops/notify_protect.hpp"
#include "mime/address.hpp"

namespace smime {

namespace {

constexpr const char* k_op = "send-notification";
constexpr const char* k_default_sendmail = "/usr/sbin/sendmail -oi -t";

std::string resolve_sender(const Context& ctx, const NotifyParams& params) {
    std::optional<std::string> sender = params.from ? params.from : ctx.config().notification_sender_email;
    if (!sender || sender->empty()) {
        throw Error(Errc::usage, "no sender: give --from or set notification-sender-email in smime.conf");
    }
    if (!util::looks_like_address(*sender)) {
        throw Error(Errc::usage, "sender is not an address: " + *sender);
    }
    return *sender;
}

std::vector<std::string> unique_recipients(const std::vector<std::string>& recipients) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& recipient : recipients) {
        if (!util::looks_like_address(recipient)) {
            throw Error(Errc::usage, "not an address: " + recipient);
        }
        if (seen.insert(util::fold_address(recipient)).second) {
            out.push_back(recipient);
        }
    }
    if (out.empty()) {
        throw Error(Errc::usage, "no recipients: give --to or --recipients-file");
    }
    return out;
}

// Command line first, then smime.conf, then the sendmail default.
struct Delivery {
    enum class Kind { dir, smtp, sendmail } kind = Kind::sendmail;
    std::string target;  // directory or command
    SmtpSettings smtp;
};

SmtpSettings complete_smtp(SmtpSettings smtp, const Config& config) {
    auto fill = [](std::string& value, const std::optional<std::string>& fallback) {
        if (value.empty() && fallback) {
            value = *fallback;
        }
    };
    fill(smtp.url, config.smtp_url);
    fill(smtp.user, config.smtp_user);
    fill(smtp.password_file, config.smtp_password_file);
    fill(smtp.ca_file, config.smtp_ca);
    if (smtp.url.empty()) {
        throw Error(Errc::usage, "SMTP settings given without a URL: use --smtp or smtp-url in smime.conf");
    }
    return smtp;
}

Delivery resolve_delivery(const Context& ctx, const NotifyParams& params) {
    const Config& config = ctx.config();
    if (params.output_dir) {
        return {Delivery::Kind::dir, *params.output_dir, {}};
    }
    if (params.smtp) {
        return {Delivery::Kind::smtp, {}, complete_smtp(*params.smtp, config)};
    }
    if (params.sendmail) {
        return {Delivery::Kind::sendmail, *params.sendmail, {}};
    }
    if (config.smtp_url) {
        return {Delivery::Kind::smtp, {}, complete_smtp({}, config)};
    }
    return {Delivery::Kind::sendmail, config.sendmail.value_or(k_default_sendmail), {}};
}

std::vector<notify::Delivered> deliver(const Delivery& delivery, const NotifyParams& params,
                                       const std::string& sender, std::span<const notify::Outgoing> outgoing) {
    if (outgoing.empty()) {
        return {};
    }
    switch (delivery.kind) {
    case Delivery::Kind::dir: return notify::deliver_dir(delivery.target, outgoing);
    case Delivery::Kind::smtp: return notify::deliver_smtp(delivery.smtp, sender, outgoing);
    case Delivery::Kind::sendmail: return notify::deliver_sendmail(delivery.target, params.sendmail_timeout_seconds, outgoing);
    }
    throw Error(Errc::internal, "unknown delivery");
}

const char* flag(bool value) { return value ? "true" : "false"; }

struct Prepared {
    std::string recipient;
    std::string message_id;
    notify::Protected result;
};

}  // namespace

std::vector<StatusLine> send_notification(Context& ctx, Keyring& keyring, const NotifyParams& params) {
    std::string sender = resolve_sender(ctx, params);
    std::vector<std::string> recipients = unique_recipients(params.recipients);
    Delivery delivery = resolve_delivery(ctx, params);
    bool sign = notify::sender_can_sign(ctx, keyring, sender);

    std::vector<Prepared> prepared;
    std::vector<notify::Outgoing> outgoing;
    for (const auto& recipient : recipients) {
        notify::Letter letter{sender, recipient, params.subject, params.html, params.text, ctx.now(),
                              notify::make_message_id(sender)};
        std::string plain = notify::compose(letter);
        notify::ProtectParams protect{sender, recipient, params.encryption, params.cipher, sign};
        prepared.push_back({recipient, letter.message_id, notify::protect(ctx, keyring, plain, protect)});
        if (prepared.back().result.message) {
            outgoing.push_back({recipient, *prepared.back().result.message});
        }
    }

    std::vector<notify::Delivered> delivered = deliver(delivery, params, sender, outgoing);
    std::vector<StatusLine> lines;
    size_t next = 0;
    for (const auto& item : prepared) {
        if (!item.result.message) {
            lines.push_back({k_op, Status::not_sent, {{"recipient", item.recipient}, {"reason", item.result.reason}}});
            continue;
        }
        const notify::Delivered& outcome = delivered.at(next++);
        if (!outcome.sent) {
            lines.push_back({k_op, Status::not_sent, {{"recipient", item.recipient}, {"reason", outcome.reason}}});
            continue;
        }
        Fields fields{{"recipient", item.recipient},
                      {"signed", flag(item.result.is_signed)},
                      {"encrypted", flag(item.result.is_encrypted)},
                      {"message_id", item.message_id}};
        if (!item.result.is_encrypted && !item.result.reason.empty()) {
            fields.emplace_back("unencrypted_reason", item.result.reason);
        }
        if (delivery.kind == Delivery::Kind::dir) {
            fields.emplace_back("file", outcome.where);
        }
        lines.push_back({k_op, Status::ok, std::move(fields)});
    }
    return lines;
}

}  // namespace smime
