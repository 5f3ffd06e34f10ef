// smime decrypt [FILE]: thin over decrypt_message (SPEC decrypt).
#include <smime/decrypt.hpp>
#include <smime/error.hpp>
#include <smime/keyring.hpp>

#include "commands.hpp"
#include "filter_run.hpp"
#include "io.hpp"
#include "passphrase_option.hpp"
#include "status_output.hpp"

namespace smime::cli {

CLI::App* setup_decrypt(CLI::App& app, DecryptOptions& options) {
    auto* sub = app.add_subcommand("decrypt", "decrypt an S/MIME message (and verify a signature inside)");
    sub->add_option("file", options.file, "message to decrypt (default: standard input)");
    add_passphrase_options(sub, options.passphrase, "passphrase of the decryption key");
    sub->add_flag("--system-trust", options.system_trust, "signature inside: also trust the system CA store");
    sub->add_flag("--no-system-trust", options.no_system_trust, "signature inside: never trust the system CA store");
    sub->add_flag("--no-sender-check", options.no_sender_check, "signature inside: skip the From address rule");
    return sub;
}

int run_decrypt(const DecryptOptions& options, Context& ctx, const std::optional<Error>& setup_error) {
    VerifyParams verify;
    if (options.system_trust) {
        verify.system_trust = true;
    }
    if (options.no_system_trust) {
        verify.system_trust = false;
    }
    verify.sender_check = !options.no_sender_check;
    InputMessage input(options.file, ctx.config().message_size_limit(), InputMessage::Reading::once,
                       InputMessage::Oversize::keep_head);
    ctx.set_input_mapping(input.mapping());
    DecryptResult result;
    FilterRun run{"decrypt", true, setup_error, {}, {}};
    run.work = [&](Sink& out) {
        // After the message is read: an unreadable passphrase file must not
        // keep the message from coming out.
        use_passphrase(ctx, options.passphrase);
        auto keyring = open_existing_keyring(ctx);
        result = decrypt_message(ctx, *keyring, input.view(), verify, out);
    };
    run.report = [&] {
        emit_with_reasons(ctx, result.status);
        return exit_code(ctx.status().lines());
    };
    return run_filter(ctx, input, run);
}

}  // namespace smime::cli
