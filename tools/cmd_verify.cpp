// smime verify: the CLI over smime::verify_message (SPEC "verify").
#include <ctime>

#include <smime/error.hpp>
#include <smime/keyring.hpp>
#include <smime/verify.hpp>

#include "commands.hpp"
#include "filter_run.hpp"
#include "io.hpp"

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

}  // namespace

CLI::App* setup_verify(CLI::App& app, VerifyOptions& options) {
    auto* sub = app.add_subcommand("verify", "verify the signature of a message");
    sub->add_option("file", options.file, "message to verify (default: standard input)");
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
    VerifyParams params;
    params.learn = options.learn;
    if (options.system_trust) params.system_trust = true;
    if (options.no_system_trust) params.system_trust = false;
    params.sender_check = !options.no_sender_check;
    if (options.require_crl) params.require_crl = true;
    if (!options.at.empty()) params.at = parse_at(options.at);

    // Read a few times front to back (MIME structure, digest, output), each
    // time a few MiB at a time with the pages behind dropped.
    InputMessage input(options.file, ctx.config().message_size_limit(), InputMessage::Reading::once,
                       InputMessage::Oversize::keep_head);
    ctx.set_input_mapping(input.mapping());
    VerifyResult result;
    FilterRun run{"verify", !options.status_only, setup_error, {}, {}};
    run.work = [&](Sink& out) {
        auto keyring = open_existing_keyring(ctx);
        result = verify_message(ctx, *keyring, input.view(), params, out);
    };
    run.report = [&] {
        std::string summary = "verify: " + std::string(to_string(result.status.status));
        for (const auto& [key, value] : result.status.fields) {
            summary += "; " + key + "=" + value;
        }
        if (result.status.status == Status::ok) {
            ctx.report().info(summary);
        } else {
            ctx.report().error(summary);
        }
        ctx.status().emit(result.status);
        return exit_code(ctx.status().lines());
    };
    return run_filter(ctx, input, run);
}

}  // namespace smime::cli
