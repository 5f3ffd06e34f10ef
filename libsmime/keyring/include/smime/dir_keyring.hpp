// The keyring on disk: a directory of certificates, keys, CRLs and per-address
// indexes (layout in keyring/layout.hpp), written atomically under a lock.
#pragma once

#include <smime/export.hpp>

#include <memory>
#include <string>
#include <vector>

#include <smime/keyring.hpp>

namespace smime {

// The on-disk keyring under a home directory (created 0700 on first write).
SMIME_API std::unique_ptr<Keyring> open_dir_keyring(const std::string& home);

// Problems found in an on-disk keyring (files nobody imported, broken or
// unreadable entries, wrong permissions, index entries without a file);
// empty when it is clean. Finishes an interrupted transaction first.
SMIME_API std::vector<std::string> check_dir_keyring(const std::string& home);

}  // namespace smime
