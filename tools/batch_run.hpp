// --batch: one process, one keyring and one Context for many messages.
// Each message is read, handed to the same per-message function the
// single-message command uses, and what that command would have written
// on standard output is written back (file_writeback, maildir_writeback)
// or into --output-dir. A product that would change nothing, a product of
// a run that could not do its job (status error) and no product at all
// leave the message as it is. One bad message never stops the others.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <smime/context.hpp>

#include "io.hpp"
#include "message_args.hpp"
#include "outcome.hpp"

namespace smime::cli {

struct BatchJob {
    std::string op;  // the status lines' op for a message that cannot be read or written
    InputMessage::Reading reading = InputMessage::Reading::whole;
    bool write_back = true;  // false: verify --status-only, which only reports
    std::function<Outcome(std::string_view message)> process;
};

// Every message of args.paths in turn. Each gets its status lines with
// "file" (the path as processed) and, when it was written, "written" (where
// to), and one line on stderr. Returns the exit summary: 2 if any message
// had an error (not read, not written back, or status error), else 1 if
// any was failed or partial, else 0 if any was ok, else 3.
int run_batch(Context& ctx, const MessageArgs& args, const BatchJob& job);

}  // namespace smime::cli
