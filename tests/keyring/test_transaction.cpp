#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "keyring/atomic_file.hpp"
#include "keyring/transaction.hpp"

using namespace smime::keyring;

namespace {
struct TempHome : ::testing::Test {
    std::string home;
    void SetUp() override {
        char pattern[] = "/tmp/smime-txn-XXXXXX";
        home = mkdtemp(pattern);
    }
    void TearDown() override { std::filesystem::remove_all(home); }
};
}  // namespace

TEST_F(TempHome, CommitWritesEverythingAndCleansUp) {
    Transaction txn(home);
    txn.write("certs/a.der", "A");
    txn.write("index/email/x", "line\n");
    EXPECT_EQ(txn.read("certs/a.der"), "A");  // pending content is visible
    txn.commit();
    EXPECT_EQ(read_file(home + "/certs/a.der"), "A");
    EXPECT_EQ(read_file(home + "/index/email/x"), "line\n");
    EXPECT_FALSE(std::filesystem::exists(home + "/.txn"));
}

TEST_F(TempHome, RemoveDeletes) {
    write_file_atomic(home + "/f", "x", 0600);
    Transaction txn(home);
    txn.remove("f");
    EXPECT_EQ(txn.read("f"), std::nullopt);
    txn.commit();
    EXPECT_FALSE(std::filesystem::exists(home + "/f"));
}

TEST_F(TempHome, RecoverFinishesACommittedTransaction) {
    // As a crash after COMMIT but before the renames leaves it.
    make_dir(home + "/.txn", 0700);
    write_file_atomic(home + "/.txn/0", "new", 0644);
    write_file_atomic(home + "/old", "bye", 0644);
    write_file_atomic(home + "/.txn/COMMIT", "R 0 certs/n.der\nD old\n", 0600);
    Transaction::recover(home);
    EXPECT_EQ(read_file(home + "/certs/n.der"), "new");
    EXPECT_FALSE(std::filesystem::exists(home + "/old"));
    EXPECT_FALSE(std::filesystem::exists(home + "/.txn"));
}

TEST_F(TempHome, RecoverDiscardsAnUncommittedTransaction) {
    make_dir(home + "/.txn", 0700);
    write_file_atomic(home + "/.txn/0", "half", 0644);
    Transaction::recover(home);
    EXPECT_FALSE(std::filesystem::exists(home + "/.txn"));
    EXPECT_FALSE(std::filesystem::exists(home + "/certs"));
}

TEST_F(TempHome, ModesAreKept) {
    Transaction txn(home);
    txn.write("keys/k.pem", "secret", 0600);
    txn.commit();
    EXPECT_EQ(std::filesystem::status(home + "/keys/k.pem").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}
