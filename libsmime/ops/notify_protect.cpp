#include "ops/notify_protect.hpp"

#include <chrono>

#include <smime/sign.hpp>

namespace smime::notify {

namespace {

std::string field(const StatusLine& line, std::string_view key) {
    for (const auto& [name, value] : line.fields) {
        if (name == key) {
            return value;
        }
    }
    return {};
}

const StatusLine* find_op(const std::vector<StatusLine>& lines, std::string_view op) {
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        if (it->op == op) {
            return &*it;
        }
    }
    return nullptr;
}

std::string why(const StatusLine& line, const char* fallback) {
    std::string reason = field(line, "reason");
    return reason.empty() ? fallback : reason;
}

Protected sign_only(Context& ctx, Keyring& keyring, const std::string& plain, const ProtectParams& params) {
    if (!params.sign) {
        return {plain, false, false, {}};
    }
    SignParams sign_params;
    sign_params.from = params.sender;
    SignResult result = sign_message(ctx, keyring, plain, sign_params);
    switch (result.status.status) {
    case Status::ok:
        return {result.output, true, false, {}};
    case Status::none:  // sign found no usable key after all: plain, as for any sender without one
        return {plain, false, false, {}};
    default:  // never downgrade silently to unsigned when signing was possible but broke
        return {std::nullopt, false, false, "signing failed: " + why(result.status, "unknown reason")};
    }
}

}  // namespace

bool sender_can_sign(Context& ctx, Keyring& keyring, const std::string& sender) {
    auto now = std::chrono::system_clock::to_time_t(ctx.now());
    for (const auto& entry : keyring.find_by_email(sender)) {
        if (entry.has_key && entry.cert.not_before <= now && now <= entry.cert.not_after) {
            return true;
        }
    }
    return false;
}

Protected protect(Context& ctx, Keyring& keyring, const std::string& plain, const ProtectParams& params) {
    if (params.encryption == NotifyEncryption::none) {
        return sign_only(ctx, keyring, plain, params);
    }
    EncryptParams encrypt_params;
    encrypt_params.to = {params.recipient};
    encrypt_params.cipher = params.cipher;
    encrypt_params.policy = params.encryption == NotifyEncryption::required ? EncryptPolicy::required
                                                                            : EncryptPolicy::if_possible;
    encrypt_params.sign = params.sign;
    encrypt_params.sign_params.from = params.sender;
    EncryptResult result = encrypt_message(ctx, keyring, plain, encrypt_params);

    const StatusLine* sign_line = find_op(result.status, "sign");
    const StatusLine* encrypt_line = find_op(result.status, "encrypt");
    if (sign_line != nullptr && sign_line->status == Status::failed) {
        return {std::nullopt, false, false, "signing failed: " + why(*sign_line, "unknown reason")};
    }
    bool is_signed = sign_line != nullptr && sign_line->status == Status::ok;
    if (encrypt_line == nullptr) {
        return {std::nullopt, false, false, "encryption gave no result"};
    }
    if (encrypt_line->status == Status::ok && !result.output.empty()) {
        return {result.output, is_signed, true, {}};
    }
    if (encrypt_line->status == Status::none && params.encryption == NotifyEncryption::if_possible &&
        !result.output.empty()) {
        return {result.output, is_signed, false, why(*encrypt_line, "encryption not possible")};
    }
    return {std::nullopt, false, false, why(*encrypt_line, "encryption not possible")};
}

}  // namespace smime::notify
