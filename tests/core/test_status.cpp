#include <gtest/gtest.h>

#include <smime/status.hpp>

using namespace smime;

TEST(Status, ExitCodes) {
    std::vector<StatusLine> ok{{"sign", Status::ok, {}}};
    std::vector<StatusLine> none{{"sign", Status::none, {}}};
    std::vector<StatusLine> failed{{"decrypt", Status::ok, {}}, {"verify", Status::failed, {}}};
    std::vector<StatusLine> partial{{"verify", Status::partial, {}}};
    std::vector<StatusLine> not_sent{{"send-notification", Status::ok, {}}, {"send-notification", Status::not_sent, {}}};
    std::vector<StatusLine> none_after{{"decrypt", Status::ok, {}}, {"verify", Status::none, {}}};
    EXPECT_EQ(exit_code(ok), 0);
    EXPECT_EQ(exit_code(none), 3);
    EXPECT_EQ(exit_code(failed), 1);
    EXPECT_EQ(exit_code(partial), 1);
    EXPECT_EQ(exit_code(not_sent), 1);
    EXPECT_EQ(exit_code(none_after), 0);
}

// error (the command could not do its job) is exit 2, whatever else was said.
TEST(Status, ErrorIsExitTwo) {
    std::vector<StatusLine> error{{"decrypt", Status::error, {{"reason", "no passphrase"}}}};
    std::vector<StatusLine> error_after_failed{{"verify", Status::failed, {}}, {"decrypt", Status::error, {}}};
    EXPECT_EQ(exit_code(error), 2);
    EXPECT_EQ(exit_code(error_after_failed), 2);
    EXPECT_EQ(to_json(error.front()), R"({"op":"decrypt","status":"error","reason":"no passphrase"})");
}

TEST(Status, JsonEscapes) {
    StatusLine line{"verify", Status::failed, {{"reason", "bad \"quote\"\n\x01"}}};
    EXPECT_EQ(to_json(line), R"({"op":"verify","status":"failed","reason":"bad \"quote\"\n\u0001"})");
}
