// smime sign: the CLI over smime::sign_message (SPEC "sign").
#include <smime/error.hpp>
#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>
#include <smime/sign.hpp>

#include "commands.hpp"
#include "digest_option.hpp"
#include "io.hpp"
#include "keyring_output.hpp"
#include "passphrase_option.hpp"
#include "spool.hpp"

namespace smime::cli {

CLI::App* setup_sign(CLI::App& app, SignOptions& options) {
    auto* sub = app.add_subcommand("sign", "sign a message (multipart/signed, or opaque with --opaque)");
    sub->add_option("file", options.file, "message to sign (default: standard input)");
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
    SignParams params;
    if (!options.from.empty()) {
        params.from = options.from;
    }
    params.opaque = options.opaque;
    params.require = options.require;
    params.digest = parse_digest(options.digest);
    params.pss = options.pss;

    // Read once front to back (pages dropped behind), the product spooled
    // and passed on whole only once it is complete.
    InputMessage input(options.file, ctx.config().message_size_limit(), InputMessage::Reading::once);
    ctx.set_input_mapping(input.mapping());
    auto keyring = open_dir_keyring(ctx.home());
    Spool spool;
    SignResult result = sign_message(ctx, *keyring, input.view(), params, spool);
    if (result.produced) {
        spool.copy_to_stdout();
    }
    for (const auto& [key, value] : result.status.fields) {
        if (key == "reason") {
            ctx.report().error("sign: " + std::string(to_string(result.status.status)) + ": " + value);
        }
    }
    if (result.status.status == Status::failed) {
        list_fingerprint_candidates(*keyring, options.from);
    }
    ctx.status().emit(result.status);
    return exit_code(ctx.status().lines());
}

}  // namespace smime::cli
