// verify and decrypt are mail filters: once the message could be read, it
// always comes out on standard output, whatever fails after that. The
// processed message when the operation ran; else the original, passed
// through with an `error` status field (smime/pass_through.hpp), exit 2.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <smime/context.hpp>
#include <smime/error.hpp>
#include <smime/keyring.hpp>
#include <smime/sink.hpp>

#include "io.hpp"

namespace smime::cli {

struct FilterRun {
    std::string op;                         // "verify" or "decrypt"
    bool write_message = true;              // false: --status-only
    std::optional<Error> setup_error;       // what went wrong before the message was read (smime.conf)
    std::function<void(Sink&)> work;        // the operation: writes the message (spooled until it returned)
    std::function<int()> report;            // after writing it: status lines, stderr, exit code
};

// The keyring verify and decrypt read. A home directory that does not
// exist is an error (Errc::io), not an empty keyring: a filter pointed at
// the wrong place must say so, not call every signature untrusted.
std::unique_ptr<Keyring> open_existing_keyring(const Context& ctx);

// Reads nothing itself: input is open (and for an oversized stream holds
// its head). Never throws once input is there, except when standard
// output itself fails.
int run_filter(Context& ctx, InputMessage& input, const FilterRun& run);

}  // namespace smime::cli
