// Unit tests for libsmime/mime/headers: forged X-SMIME-* fields removed at
// every depth, and our status header written safely.
#include <gtest/gtest.h>

#include "../lib/library_environment.hpp"
#include "mime/headers.hpp"

namespace smime::mime {
namespace {

TEST(MimeHeaders, SmimeHeadersRemovedAtEveryDepth) {
    std::string message =
        "X-SMIME-Signature: ok\nFrom: a@b\nContent-Type: multipart/mixed; boundary=\"q\"\n\n"
        "--q\nx-smime-encryption: ok\nContent-Type: text/plain\n\nhi\n--q--\n";
    std::string out = strip_smime_headers(message);
    EXPECT_EQ(out.find("X-SMIME"), std::string::npos);
    EXPECT_EQ(out.find("x-smime"), std::string::npos);
    EXPECT_NE(out.find("From: a@b\n"), std::string::npos);
    EXPECT_NE(out.find("--q\nContent-Type: text/plain\n\nhi\n--q--\n"), std::string::npos);
}

TEST(MimeHeaders, StatusHeaderQuotesAndDropsLineEnds) {
    EXPECT_EQ(status_header("X-SMIME-Signature", "failed", {{"reason", "a \"b\"\r\nX-Evil: 1"}}, "\n"),
              "X-SMIME-Signature: failed; reason=\"a \\\"b\\\"  X-Evil: 1\"\n");
}

}  // namespace
}  // namespace smime::mime
