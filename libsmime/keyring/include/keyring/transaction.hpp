// All-or-nothing keyring writes. A transaction collects new file contents
// and removals in memory; commit() stages them under HOME/.txn, flushes them
// with one syncfs(), writes the manifest .txn/COMMIT, and then renames each
// staged file into place (certificates and keys before index files;
// removals last). A crash before COMMIT exists leaves the old state; after
// it, recover() (run by the next writer under the lock) finishes the renames.
// The caller holds the keyring lock for the whole life of the transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace smime::keyring {

class Transaction {
public:
    explicit Transaction(std::string home) : m_home(std::move(home)) {}

    // Paths are relative to the home directory, e.g. "certs/<fpr>.der".
    void write(const std::string& path, std::string content, mode_t mode = 0644);
    void remove(const std::string& path);
    // What the file will hold after commit (pending content wins over disk).
    std::optional<std::string> read(const std::string& path) const;
    bool empty() const noexcept { return m_changes.empty(); }

    void commit();  // staged files are discarded if it throws before COMMIT

    // Finishes or discards a transaction a crash interrupted.
    static void recover(const std::string& home);

private:
    struct Change {
        std::optional<std::string> content;  // nullopt: remove
        mode_t mode = 0644;
    };
    std::string m_home;
    std::map<std::string, Change> m_changes;
};

}  // namespace smime::keyring
