// --batch PATH...: the messages the PATHs name, in the order they are
// processed. A PATH is a message file; a directory (its regular files, not
// recursive, no dot-files, in name order); or a Maildir (a directory with
// cur/, new/ and tmp/: the messages of new/, then of cur/). A message in
// the new/ or cur/ of a Maildir, named on its own or by that
// subdirectory, is a Maildir message too: it is written back by the
// Maildir rules (maildir_writeback.hpp), never by a rename in place.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace smime::cli {

enum class MessageKind { file, maildir_new, maildir_cur };

struct BatchMessage {
    std::string path;  // as processed: the status line's "file"
    MessageKind kind = MessageKind::file;
    std::optional<std::string> error;  // why this PATH gives no message (missing, not listable, not a file)
};

std::vector<BatchMessage> list_messages(const std::vector<std::string>& paths);

// dir has cur/, new/ and tmp/.
bool is_maildir(const std::string& dir);

}  // namespace smime::cli
