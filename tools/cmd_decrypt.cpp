// smime decrypt [FILE]: thin over decrypt_message (SPEC decrypt).
#include <smime/decrypt.hpp>
#include <smime/error.hpp>
#include <smime/keyring.hpp>

#include "batch_run.hpp"
#include "commands.hpp"
#include "filter_run.hpp"
#include "io.hpp"
#include "outcome.hpp"
#include "passphrase_option.hpp"
#include "status_output.hpp"

namespace smime::cli {

namespace {

// The verify of a signed content inside.
VerifyParams to_params(const DecryptOptions& options) {
    VerifyParams verify;
    if (options.system_trust) {
        verify.system_trust = true;
    }
    if (options.no_system_trust) {
        verify.system_trust = false;
    }
    verify.sender_check = !options.no_sender_check;
    return verify;
}

// One message, alone or in a batch.
// One message, alone or in a batch, spooled as it is made (bounded memory at any size).
Outcome decrypt_one(Context& ctx, Keyring& keyring, std::string_view message, const VerifyParams& verify) {
    auto spool = std::make_unique<Spool>();
    DecryptResult result = decrypt_message(ctx, keyring, message, verify, *spool);
    Outcome outcome{result.status, 0, Product(std::move(spool))};
    outcome.exit_code = exit_code(outcome.lines);
    return outcome;
}

}  // namespace

CLI::App* setup_decrypt(CLI::App& app, DecryptOptions& options) {
    auto* sub = app.add_subcommand("decrypt", "decrypt an S/MIME message (and verify a signature inside)");
    add_message_args(sub, options.messages, "message to decrypt");
    add_passphrase_options(sub, options.passphrase, "passphrase of the decryption key");
    sub->add_flag("--system-trust", options.system_trust, "signature inside: also trust the system CA store");
    sub->add_flag("--no-system-trust", options.no_system_trust, "signature inside: never trust the system CA store");
    sub->add_flag("--no-sender-check", options.no_sender_check, "signature inside: skip the From address rule");
    return sub;
}

int run_decrypt(const DecryptOptions& options, Context& ctx, const std::optional<Error>& setup_error) {
    VerifyParams verify = to_params(options);
    if (options.messages.batch) {
        if (setup_error) {
            throw *setup_error;  // nothing is touched: every message would only be flagged error
        }
        use_passphrase(ctx, options.passphrase);  // once: a descriptor can be read only once
        auto keyring = open_existing_keyring(ctx);
        return run_batch(ctx, options.messages,
                         {"decrypt", InputMessage::Reading::once, true,
                          [&](std::string_view message) { return decrypt_one(ctx, *keyring, message, verify); }});
    }
    InputMessage input(options.messages.file(), ctx.config().message_size_limit(), InputMessage::Reading::once,
                       InputMessage::Oversize::keep_head);
    ctx.set_input_mapping(input.mapping());
    FilterRun run{"decrypt", true, setup_error, {}, {}};
    run.work = [&] {
        // After the message is read: an unreadable passphrase file must not
        // keep the message from coming out.
        use_passphrase(ctx, options.passphrase);
        auto keyring = open_existing_keyring(ctx);
        return decrypt_one(ctx, *keyring, input.view(), verify);
    };
    run.report = [&](const Outcome& outcome) { emit_with_reasons(ctx, outcome.lines); };
    return run_filter(ctx, input, run);
}

}  // namespace smime::cli
