// smime sign: the CLI over smime::sign_message (SPEC "sign").
#include <memory>
#include <unistd.h>

#include <smime/error.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>
#include <smime/sign.hpp>

#include "batch_run.hpp"
#include "commands.hpp"
#include "digest_option.hpp"
#include "io.hpp"
#include "keyring_output.hpp"
#include "outcome.hpp"
#include "passphrase_option.hpp"
#include "spool.hpp"

namespace smime::cli {

namespace {

SignParams to_params(const SignOptions& options) {
    SignParams params;
    if (!options.from.empty()) {
        params.from = options.from;
    }
    params.opaque = options.opaque;
    params.require = options.require;
    params.digest = parse_digest(options.digest);
    params.pss = options.pss;
    return params;
}

// One message of a batch. The product is spooled and passed on whole only
// once it is complete.
Outcome sign_one(Context& ctx, Keyring& keyring, std::string_view message, const SignParams& params) {
    auto spool = std::make_unique<Spool>();
    SignResult result = sign_message(ctx, keyring, message, params, *spool);
    Outcome outcome{{result.status}, 0, {}};
    outcome.exit_code = exit_code(outcome.lines);
    if (result.produced) {
        outcome.product = Product(std::move(spool));
    }
    return outcome;
}

}  // namespace

CLI::App* setup_sign(CLI::App& app, SignOptions& options) {
    auto* sub = app.add_subcommand("sign", "sign a message (multipart/signed, or opaque with --opaque)");
    add_message_args(sub, options.messages, "message to sign");
    sub->add_option("--from", options.from, "signer address, or the fingerprint of the certificate to sign with (default: the message's From)");
    sub->add_flag("--opaque", options.opaque, "application/pkcs7-mime signed-data instead of multipart/signed");
    sub->add_flag("--require", options.require, "fail (exit 1, no output) when there is no key to sign with");
    sub->add_option("--digest", options.digest, "sha256 (default), sha384 or sha512");
    sub->add_flag("--pss", options.pss, "RSA-PSS signatures for RSA keys");
    add_passphrase_options(sub, options.passphrase, "passphrase of the signing key");
    return sub;
}

int run_sign(const SignOptions& options, Context& ctx) {
    use_passphrase(ctx, options.passphrase);
    SignParams params = to_params(options);
    if (options.messages.batch) {
        auto keyring = open_dir_keyring(ctx.home());
        return run_batch(ctx, options.messages,
                         {"sign", InputMessage::Reading::once, true,
                          [&](std::string_view message) { return sign_one(ctx, *keyring, message, params); }});
    }

    // Read once front to back (pages dropped behind).
    InputMessage input(options.messages.file(), ctx.config().message_size_limit(), InputMessage::Reading::once);
    ctx.set_input_mapping(input.mapping());
    auto keyring = open_dir_keyring(ctx.home());
    // Straight to standard output, no spool: sign writes nothing before the
    // signature is made (sign.hpp).
    DescriptorSink out(STDOUT_FILENO, "standard output");
    const StatusLine status = sign_message(ctx, *keyring, input.view(), params, out).status;
    for (const auto& [key, value] : status.fields) {
        if (key == "reason") {
            ctx.report().error("sign: " + std::string(to_string(status.status)) + ": " + value);
        }
    }
    if (status.status == Status::failed) {
        list_fingerprint_candidates(*keyring, options.from);
    }
    ctx.status().emit(status);
    return exit_code(std::span(&status, 1));
}

}  // namespace smime::cli
