// smime list [QUERY] [--secret]
#include <chrono>

#include <smime/dir_keyring.hpp>
#include <smime/cert_state.hpp>
#include <smime/query.hpp>

#include "commands.hpp"
#include "io.hpp"
#include "keyring_output.hpp"

namespace smime::cli {

CLI::App* setup_list(CLI::App& app, ListOptions& options) {
    auto* sub = app.add_subcommand("list", "list certificates (address, name substring, or fingerprint prefix in any spelling)");
    sub->add_option("query", options.query, "what to look for; nothing lists everything");
    sub->add_flag("--secret", options.secret, "only certificates with a private key");
    return sub;
}

int run_list(const ListOptions& options, Context& ctx) {
    auto keyring = open_dir_keyring(ctx.home());
    auto found = search_certificates(*keyring, options.query);
    std::time_t now = std::chrono::system_clock::to_time_t(ctx.now());
    std::string out = ctx.report().json() ? "[" : "";
    bool first = true;
    std::size_t count = 0;
    for (const auto& entry : found) {
        if (options.secret && !entry.has_key) {
            continue;
        }
        auto states = cert_states(*keyring, entry, now);
        if (ctx.report().json()) {
            out += (first ? "" : ",\n") + format_entry_json(entry, states);
        } else {
            out += (first ? "" : "\n") + format_entry_text(entry, states);
        }
        first = false;
        ++count;
    }
    if (ctx.report().json()) {
        out += "]\n";
    }
    write_output(out);
    ctx.status().emit({"list", Status::ok, {{"count", std::to_string(count)}}});
    return 0;
}

}  // namespace smime::cli
