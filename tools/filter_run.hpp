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

#include "io.hpp"
#include "outcome.hpp"

namespace smime::cli {

struct FilterRun {
    std::string op;                                  // "verify" or "decrypt"
    bool write_message = true;                       // false: --status-only
    std::optional<Error> setup_error;                // what went wrong before the message was read (smime.conf)
    std::function<Outcome()> work;                   // the operation on the message
    std::function<void(const Outcome&)> report;      // after the message is written: status lines, stderr
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
