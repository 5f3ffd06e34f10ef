// smime check: report anything wrong with the keyring; exit 1 if so.
#include <iostream>

#include <smime/dir_keyring.hpp>
#include <smime/keyring.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_check(CLI::App& app, CheckOptions& options) {
    (void)options;
    return app.add_subcommand("check", "check the keyring for foreign, broken or unsafe files");
}

int run_check(const CheckOptions&, Context& ctx) {
    auto problems = check_dir_keyring(ctx.home());
    for (const auto& problem : problems) {
        std::cerr << problem << '\n';
        ctx.status().emit({"check", Status::failed, {{"home", ctx.home()}, {"problem", problem}}});
    }
    if (problems.empty()) {
        ctx.report().info(ctx.home() + ": keyring is clean");
        ctx.status().emit({"check", Status::ok, {{"home", ctx.home()}}});
    }
    return exit_code(ctx.status().lines());
}

}  // namespace smime::cli
