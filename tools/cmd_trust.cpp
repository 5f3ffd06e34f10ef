// smime trust QUERY [--remove]
#include <smime/dir_keyring.hpp>

#include "commands.hpp"
#include "keyring_output.hpp"

namespace smime::cli {

CLI::App* setup_trust(CLI::App& app, TrustOptions& options) {
    auto* sub = app.add_subcommand("trust", "make a certificate a trust anchor for verify");
    add_query_argument(*sub, options.query);
    sub->add_flag("--remove", options.remove, "no longer a trust anchor");
    return sub;
}

int run_trust(const TrustOptions& options, Context& ctx) {
    auto keyring = open_dir_keyring(ctx.home());
    const auto entry = exactly_one(*keyring, options.query, "trust", ctx);
    if (!entry) {
        return 1;
    }
    auto outcome = keyring->set_trusted(entry->cert.fingerprint, !options.remove);
    ctx.status().emit({"trust", Status::ok,
                       {{"fingerprint", entry->cert.fingerprint},
                        {"trust_anchor", options.remove ? "no" : "yes"},
                        {"result", outcome == StoreOutcome::unchanged ? "unchanged" : "changed"}}});
    ctx.report().info(entry->cert.fingerprint + (options.remove ? " is not a trust anchor" : " is a trust anchor") +
                      (outcome == StoreOutcome::unchanged ? " (unchanged)" : ""));
    return 0;
}

}  // namespace smime::cli
