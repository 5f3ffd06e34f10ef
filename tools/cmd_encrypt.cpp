// smime encrypt [FILE]: thin over encrypt_message (SPEC encrypt).
#include <algorithm>

#include <smime/encrypt.hpp>
#include <smime/error.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>

#include "commands.hpp"
#include "digest_option.hpp"
#include "io.hpp"
#include "keyring_output.hpp"
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
}  // namespace

CLI::App* setup_encrypt(CLI::App& app, EncryptOptions& options) {
    auto* sub = app.add_subcommand("encrypt", "encrypt a message for its one recipient (S/MIME EnvelopedData)");
    sub->add_option("file", options.file, "message to encrypt (default: standard input)");
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
    InputMessage input(options.file, ctx.config().message_size_limit(), InputMessage::Reading::once);
    ctx.set_input_mapping(input.mapping());
    auto keyring = open_dir_keyring(ctx.home());
    Spool spool;  // passed on whole only once the message is complete
    EncryptResult result = encrypt_message(ctx, *keyring, input.view(), params, spool);
    if (result.produced) {
        spool.copy_to_stdout();
    }
    emit_with_reasons(ctx, result.status);
    if (exit_code(ctx.status().lines()) != 0) {  // not encrypted: name the candidates of an ambiguous fingerprint
        for (const auto& named : options.to) {
            list_fingerprint_candidates(*keyring, named);
        }
        if (params.sign) {
            list_fingerprint_candidates(*keyring, options.from);
        }
    }
    // The command's own operation is encrypt: a "sign: none" before it
    // (sender without a key, the message went on unsigned) is not exit 3.
    std::vector<StatusLine> own_first = ctx.status().lines();
    std::stable_partition(own_first.begin(), own_first.end(), [](const StatusLine& l) { return l.op == "encrypt"; });
    return exit_code(own_first);
}

}  // namespace smime::cli
