// smime encrypt [FILE]: thin over encrypt_message (SPEC encrypt).
#include <algorithm>
#include <memory>
#include <unistd.h>

#include <smime/encrypt.hpp>
#include <smime/error.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>

#include "batch_run.hpp"
#include "commands.hpp"
#include "digest_option.hpp"
#include "io.hpp"
#include "keyring_output.hpp"
#include "outcome.hpp"
#include "passphrase_option.hpp"
#include "spool.hpp"
#include "status_output.hpp"

namespace smime::cli {

namespace {

EncryptParams to_params(const EncryptOptions& options) {
    EncryptParams params;
    params.to = options.to;
    if (!options.cipher.empty()) {
        params.cipher = parse_cipher(options.cipher);
        if (!params.cipher || *params.cipher == Cipher::des3_cbc || *params.cipher == Cipher::rc2_cbc) {
            throw Error(Errc::usage, "unknown cipher " + options.cipher +
                                         " (aes256-cbc, aes128-cbc, aes192-cbc, aes256-gcm, aes128-gcm)");
        }
    }
    if (options.policy == "required") {
        params.policy = EncryptPolicy::required;
    } else if (options.policy == "if-possible") {
        params.policy = EncryptPolicy::if_possible;
    } else {
        throw Error(Errc::usage, "--policy must be required or if-possible");
    }
    params.oaep = options.oaep;
    params.sign = options.sign || options.require_sign;
    params.require_sign = options.require_sign;
    if (!options.from.empty()) {
        params.sign_params.from = options.from;
    }
    params.sign_params.digest = parse_digest(options.digest);
    params.require_trusted = options.require_trusted;
    params.protect_headers = options.protect_headers;
    return params;
}

// One message, alone or in a batch. The product is spooled and passed on
// whole only once the message is complete.
Outcome encrypt_one(Context& ctx, Keyring& keyring, std::string_view message, const EncryptParams& params) {
    auto spool = std::make_unique<Spool>();
    EncryptResult result = encrypt_message(ctx, keyring, message, params, *spool);
    Outcome outcome{result.status, 0, {}};
    // The command's own operation is encrypt: a "sign: none" before it
    // (sender without a key, the message went on unsigned) is not exit 3.
    std::vector<StatusLine> own_first = result.status;
    std::stable_partition(own_first.begin(), own_first.end(), [](const StatusLine& l) { return l.op == "encrypt"; });
    outcome.exit_code = exit_code(own_first);
    if (result.produced) {
        outcome.product = Product(std::move(spool));
    }
    return outcome;
}

}  // namespace

CLI::App* setup_encrypt(CLI::App& app, EncryptOptions& options) {
    auto* sub = app.add_subcommand("encrypt", "encrypt a message for its one recipient (S/MIME EnvelopedData)");
    add_message_args(sub, options.messages, "message to encrypt");
    sub->add_option("--to", options.to, "recipient address, or the fingerprint of the certificate to encrypt to (instead of To, Cc and Bcc)")->allow_extra_args(false);
    sub->add_flag("--sign", options.sign, "sign first, then encrypt");
    sub->add_flag("--require-sign", options.require_sign, "with --sign: fail when the sender has no key");
    sub->add_option("--from", options.from, "signer address or certificate fingerprint for --sign (else From:)");
    sub->add_option("--policy", options.policy, "required (default) or if-possible");
    sub->add_option("--cipher", options.cipher, "aes256-cbc, aes128-cbc, aes256-gcm or aes128-gcm");
    sub->add_flag("--oaep", options.oaep, "RSA-OAEP (SHA-256) key transport instead of PKCS#1 v1.5");
    sub->add_flag("--require-trusted", options.require_trusted, "the recipient's certificate must chain to a trusted root");
    sub->add_flag("--protect-headers", options.protect_headers, "carry the real Subject inside the encryption");
    sub->add_option("--digest", options.digest, "digest for --sign: sha256, sha384, sha512");
    add_passphrase_options(sub, options.passphrase, "passphrase of the signing key");
    return sub;
}

int run_encrypt(const EncryptOptions& options, Context& ctx) {
    EncryptParams params = to_params(options);
    use_passphrase(ctx, options.passphrase);
    if (options.messages.batch) {
        auto keyring = open_dir_keyring(ctx.home());
        return run_batch(ctx, options.messages,
                         {"encrypt", InputMessage::Reading::once, true,
                          [&](std::string_view message) { return encrypt_one(ctx, *keyring, message, params); }});
    }
    InputMessage input(options.messages.file(), ctx.config().message_size_limit(), InputMessage::Reading::once);
    ctx.set_input_mapping(input.mapping());
    auto keyring = open_dir_keyring(ctx.home());
    Outcome outcome = encrypt_one(ctx, *keyring, input.view(), params);
    if (outcome.product.present()) {
        outcome.product.write_to(STDOUT_FILENO, "standard output");
    }
    emit_with_reasons(ctx, outcome.lines);
    if (exit_code(outcome.lines) != 0) {  // not encrypted: name the candidates of an ambiguous fingerprint
        for (const auto& named : options.to) {
            list_fingerprint_candidates(*keyring, named);
        }
        if (params.sign) {
            list_fingerprint_candidates(*keyring, options.from);
        }
    }
    return outcome.exit_code;
}

}  // namespace smime::cli
