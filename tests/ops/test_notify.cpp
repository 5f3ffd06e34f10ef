// Unit tests of send-notification's pieces that need no delivery: the
// recipients file and the composed message (line ends: tests/mime).
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include <memory>

#include <smime/error.hpp>
#include <smime/notify.hpp>

#include "../lib/library_environment.hpp"
#include "ops/notify_compose.hpp"

namespace {

using namespace smime;

TEST(NotifyRecipients, CommentsBlankLinesAndSpaces) {
    auto list = parse_recipients("# team\n\nbob@example.org\r\n  carol@example.org  # on call\n\t\n#x@y\n");
    EXPECT_EQ(list, (std::vector<std::string>{"bob@example.org", "carol@example.org"}));
}

TEST(NotifyRecipients, NoFinalNewline) {
    EXPECT_EQ(parse_recipients("a@b.c"), std::vector<std::string>{"a@b.c"});
}

TEST(NotifyRecipients, GarbageNamesTheLine) {
    try {
        parse_recipients("a@b.c\n\nnot an address\n");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), Errc::usage);
        EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
    }
}

// GnuTLS and GMime once per process, as in smime itself (GMime's
// g_mime_init leaks its crypto registry when run again after shutdown).
class Compose : public ::testing::Test {
protected:
    notify::Letter letter() const {
        notify::Letter l;
        l.from = "helpdesk@example.org";
        l.to = "bob@example.org";
        l.subject = "Größe";
        l.html = "<p>Grüße</p>\n";
        l.date = std::chrono::system_clock::from_time_t(1764158400);  // 2025-11-26 12:00:00 UTC
        l.message_id = "0123@example.org";
        return l;
    }
};

TEST_F(Compose, HeadersAndHtmlBody) {
    std::string m = notify::compose(letter());
    EXPECT_NE(m.find("From: helpdesk@example.org\n"), std::string::npos) << m;
    EXPECT_NE(m.find("To: bob@example.org\n"), std::string::npos) << m;
    EXPECT_NE(m.find("Date: Wed, 26 Nov 2025 12:00:00 +0000\n"), std::string::npos) << m;
    EXPECT_NE(m.find("<0123@example.org>"), std::string::npos) << m;
    EXPECT_NE(m.find("MIME-Version: 1.0\n"), std::string::npos) << m;
    EXPECT_NE(m.find("Subject: =?UTF-8?"), std::string::npos) << m;
    EXPECT_NE(m.find("Content-Type: text/html; charset=utf-8"), std::string::npos) << m;
    // GMime picks quoted-printable or base64, whichever is shorter
    EXPECT_TRUE(m.find("Content-Transfer-Encoding: quoted-printable") != std::string::npos ||
                m.find("Content-Transfer-Encoding: base64") != std::string::npos)
        << m;
    EXPECT_EQ(m.back(), '\n');
    for (unsigned char c : m) {
        ASSERT_LT(c, 0x80) << "not 7-bit";
    }
}

TEST_F(Compose, TextAndHtmlMakeAlternative) {
    auto l = letter();
    l.text = "plain\n";
    std::string m = notify::compose(l);
    auto alternative = m.find("multipart/alternative");
    auto plain = m.find("text/plain");
    auto html = m.find("text/html");
    ASSERT_NE(alternative, std::string::npos) << m;
    ASSERT_NE(plain, std::string::npos);
    ASSERT_NE(html, std::string::npos);
    EXPECT_LT(plain, html) << "the preferred part (HTML) comes last";
}

TEST_F(Compose, SubjectStaysOneLine) {
    auto l = letter();
    l.subject = "hello\nBcc: evil@example.com\r\n\r\nbody";
    std::string m = notify::compose(l);
    EXPECT_EQ(m.find("\nBcc:"), std::string::npos) << m;
    EXPECT_NE(m.find("Subject: hello Bcc: evil@example.com    body\n"), std::string::npos) << m;
}

TEST_F(Compose, RejectsInvalidUtf8) {
    auto l = letter();
    l.html = std::string("\xff\xfe");
    EXPECT_THROW(notify::compose(l), Error);
}

TEST(NotifyMessageId, RandomInSendersDomain) {
    LibraryInit library;
    std::string a = notify::make_message_id("helpdesk@Example.ORG");
    std::string b = notify::make_message_id("helpdesk@Example.ORG");
    EXPECT_NE(a, b);
    EXPECT_TRUE(a.ends_with("@Example.ORG")) << a;
    EXPECT_EQ(a.find('<'), std::string::npos);
}

}  // namespace
