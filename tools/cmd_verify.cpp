// smime verify: the CLI over smime::verify_message (SPEC "verify").
#include <ctime>

#include <smime/error.hpp>
#include <smime/keyring.hpp>
#include <smime/verify.hpp>

#include "batch_run.hpp"
#include "commands.hpp"
#include "filter_run.hpp"
#include "io.hpp"
#include "outcome.hpp"
#include "status_output.hpp"

namespace smime::cli {

namespace {

// ISO 8601 in UTC: 2026-01-01, 2026-01-01T10:00, 2026-01-01T10:00:00[Z].
std::time_t parse_at(const std::string& text) {
    static constexpr const char* k_formats[] = {"%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%MZ",
                                                "%Y-%m-%dT%H:%M", "%Y-%m-%d"};
    for (const char* format : k_formats) {
        std::tm tm{};
        const char* end = ::strptime(text.c_str(), format, &tm);
        if (end != nullptr && *end == '\0') {
            return ::timegm(&tm);
        }
    }
    throw Error(Errc::usage, "--at wants an ISO 8601 UTC time like 2026-01-01T10:00:00Z, not " + text);
}

VerifyParams to_params(const VerifyOptions& options) {
    VerifyParams params;
    params.learn = options.learn;
    if (options.system_trust) params.system_trust = true;
    if (options.no_system_trust) params.system_trust = false;
    params.sender_check = !options.no_sender_check;
    if (options.require_crl) params.require_crl = true;
    if (!options.at.empty()) params.at = parse_at(options.at);
    return params;
}

// --status-only: the message is made and thrown away.
class Discard final : public Sink {
public:
    void write(std::string_view) override {}
};

// One message, alone or in a batch: spooled as it is made (bounded memory
// at any size), or with write_message false only judged.
Outcome verify_one(Context& ctx, Keyring& keyring, std::string_view message, const VerifyParams& params,
                   bool write_message) {
    Outcome outcome;
    if (write_message) {
        auto spool = std::make_unique<Spool>();
        outcome.lines = {verify_message(ctx, keyring, message, params, *spool).status};
        outcome.product = Product(std::move(spool));
    } else {
        Discard discard;
        outcome.lines = {verify_message(ctx, keyring, message, params, discard).status};
    }
    outcome.exit_code = exit_code(outcome.lines);
    return outcome;
}

}  // namespace

CLI::App* setup_verify(CLI::App& app, VerifyOptions& options) {
    auto* sub = app.add_subcommand("verify", "verify the signature of a message");
    add_message_args(sub, options.messages, "message to verify");
    sub->add_flag("--status-only", options.status_only, "write nothing on standard output");
    sub->add_flag("--learn", options.learn, "on a valid signature, store the signer's certificates and capabilities");
    auto* system = sub->add_flag("--system-trust", options.system_trust, "also trust the system's CA store");
    sub->add_flag("--no-system-trust", options.no_system_trust, "do not trust the system's CA store")
        ->excludes(system);
    sub->add_flag("--no-sender-check", options.no_sender_check, "do not require the From address in the certificate");
    sub->add_flag("--require-crl", options.require_crl, "require a current CRL from every CA on the path");
    sub->add_option("--at", options.at, "judge validity as of this UTC time (ISO 8601)");
    return sub;
}

int run_verify(const VerifyOptions& options, Context& ctx, const std::optional<Error>& setup_error) {
    VerifyParams params = to_params(options);
    if (options.messages.batch) {
        if (options.status_only && !options.messages.output_dir.empty()) {
            throw Error(Errc::usage, "--output-dir: verify --status-only writes nothing");
        }
        if (setup_error) {
            throw *setup_error;  // nothing is touched: every message would only be flagged error
        }
        auto keyring = open_existing_keyring(ctx);
        return run_batch(ctx, options.messages,
                         {"verify", InputMessage::Reading::once, !options.status_only, [&](std::string_view message) {
                              return verify_one(ctx, *keyring, message, params, !options.status_only);
                          }});
    }

    // Read a few times front to back (MIME structure, digest, output), each
    // time a few MiB at a time with the pages behind dropped.
    InputMessage input(options.messages.file(), ctx.config().message_size_limit(), InputMessage::Reading::once,
                       InputMessage::Oversize::keep_head);
    ctx.set_input_mapping(input.mapping());
    FilterRun run{"verify", !options.status_only, setup_error, {}, {}};
    run.work = [&] {
        auto keyring = open_existing_keyring(ctx);
        return verify_one(ctx, *keyring, input.view(), params, !options.status_only);
    };
    run.report = [&](const Outcome& outcome) {
        const StatusLine& status = outcome.lines.front();
        if (status.status == Status::ok) {
            ctx.report().info(summary(status));
        } else {
            ctx.report().error(summary(status));
        }
        ctx.status().emit(status);
    };
    return run_filter(ctx, input, run);
}

}  // namespace smime::cli
