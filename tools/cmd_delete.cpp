// smime delete QUERY [--secret-only] [--yes]
#include <iostream>

#include <smime/dir_keyring.hpp>

#include "commands.hpp"
#include "io.hpp"
#include "keyring_output.hpp"

namespace smime::cli {

CLI::App* setup_delete(CLI::App& app, DeleteOptions& options) {
    auto* sub = app.add_subcommand("delete", "remove a certificate and its private key");
    add_query_argument(*sub, options.query);
    sub->add_flag("--secret-only", options.secret_only, "remove only the private key");
    sub->add_flag("--yes", options.yes, "do not ask");
    return sub;
}

namespace {
bool confirmed(const KeyringEntry& entry, const DeleteOptions& options, const Context& ctx) {
    if (options.yes) {
        return true;
    }
    if (!stdin_is_terminal()) {
        ctx.report().error("refusing to delete without --yes when standard input is not a terminal");
        return false;
    }
    std::cerr << "Delete " << (options.secret_only ? "the private key of " : "") << entry.cert.fingerprint << " ("
              << entry.cert.subject << ")? [y/N] ";
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}
}  // namespace

int run_delete(const DeleteOptions& options, Context& ctx) {
    auto keyring = open_dir_keyring(ctx.home());
    const auto entry = exactly_one(*keyring, options.query, "delete", ctx);
    if (!entry) {
        return 1;
    }
    if (options.secret_only && !entry->has_key) {
        ctx.report().error("no private key for " + entry->cert.fingerprint);
        return 1;
    }
    if (!confirmed(*entry, options, ctx)) {
        return 1;
    }
    keyring->remove(entry->cert.fingerprint, options.secret_only);
    ctx.status().emit({"delete", Status::ok,
                       {{"fingerprint", entry->cert.fingerprint},
                        {"deleted", options.secret_only ? "key" : "certificate and key"}}});
    ctx.report().info("deleted " + std::string(options.secret_only ? "private key of " : "") + entry->cert.fingerprint);
    return 0;
}

}  // namespace smime::cli
