#include "filter_run.hpp"

#include <cerrno>
#include <cstring>
#include <new>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/dir_keyring.hpp>
#include <smime/config.hpp>
#include <smime/pass_through.hpp>

namespace smime::cli {

namespace {

int pass_through(Context& ctx, InputMessage& input, const FilterRun& run, const std::string& reason) {
    StatusLine line = error_status(run.op, reason);
    if (run.write_message) {
        if (input.oversized()) {
            write_output(passed_through_head(input.view(), line));
            input.copy_rest_to_stdout();
        } else {
            write_output(passed_through(input.view(), line));
        }
    }
    ctx.status().emit(line);
    ctx.report().error(run.op + ": error: " + reason +
                       (run.write_message ? " (the message is passed through unchanged)" : ""));
    return 2;
}

}  // namespace

std::unique_ptr<Keyring> open_existing_keyring(const Context& ctx) {
    struct stat st {};
    if (::stat(ctx.home().c_str(), &st) != 0) {
        throw Error(Errc::io, "no keyring at " + ctx.home() + ": " + std::strerror(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
        throw Error(Errc::io, "no keyring at " + ctx.home() + ": not a directory");
    }
    return open_dir_keyring(ctx.home());
}

int run_filter(Context& ctx, InputMessage& input, const FilterRun& run) {
    if (run.setup_error) {
        return pass_through(ctx, input, run, run.setup_error->what());
    }
    if (input.oversized()) {
        // The head alone is already over the limit, so there is a reason.
        return pass_through(ctx, input, run, oversize_reason(ctx.config(), input.view().size()).value());
    }
    Outcome outcome;
    try {
        outcome = run.work();
    } catch (const Error& e) {
        return pass_through(ctx, input, run, e.what());
    } catch (const std::bad_alloc&) {
        return pass_through(ctx, input, run, "out of memory");
    } catch (const std::exception& e) {
        return pass_through(ctx, input, run, std::string("internal error: ") + e.what());
    }
    if (run.write_message) {
        outcome.product.write_to(STDOUT_FILENO, "standard output");
    }
    run.report(outcome);
    return outcome.exit_code;
}

}  // namespace smime::cli
