// Unit tests for libsmime/mime/entity: the rules its header writes down,
// one test each (line ends, end of the header section, field names,
// folding, duplicates, Content-Type parameters, multipart delimiters).
#include <gtest/gtest.h>

#include <gmime/gmime.h>

#include <algorithm>

#include "../lib/library_environment.hpp"
#include "mime/entity.hpp"

namespace smime::mime {
namespace {

TEST(Entity, KeepsRawFieldsAndBody) {
    std::string msg = "From: a@x\r\nSubject: one\r\n two\r\nContent-Type: Text/Plain; charset=\"utf-8\"\r\n\r\nbody\r\n";
    auto entity = parse_entity(msg);
    ASSERT_EQ(entity.headers.size(), 3U);
    EXPECT_EQ(entity.eol, "\r\n");
    EXPECT_EQ(entity.get("subject"), "one two");  // folding: line ends removed
    EXPECT_EQ(entity.headers[1].raw, "Subject: one\r\n two\r\n");
    EXPECT_EQ(entity.body, "body\r\n");
    auto ct = content_type_of(entity);
    EXPECT_TRUE(ct.is("text", "plain"));
    EXPECT_EQ(ct.param("charset"), "utf-8");
}

TEST(Entity, LineEndsOfTheFirstLine) {
    EXPECT_EQ(parse_entity("no field here\nsecond\r\n").eol, "\n");
    EXPECT_EQ(parse_entity("no line end").eol, "\r\n");
}

TEST(Entity, LineEndsOfTheFirstField) {
    EXPECT_EQ(parse_entity("A: 1\nB: 2\r\n\r\nx").eol, "\n");
    EXPECT_EQ(parse_entity("A: 1\r\nB: 2\n\nx").eol, "\r\n");
    // LF and CRLF lines mix; both end the header section when empty.
    auto mixed = parse_entity("A: 1\r\nB: 2\n\nbody");
    ASSERT_EQ(mixed.headers.size(), 2U);
    EXPECT_EQ(mixed.body, "body");
}

TEST(Entity, HeaderSectionEnds) {
    // A lone CR is an empty line.
    auto cr = parse_entity("A: 1\n\r\nbody");
    ASSERT_EQ(cr.headers.size(), 1U);
    EXPECT_EQ(cr.body, "body");
    // No empty line: the first line that is no field starts the body.
    auto no_blank = parse_entity("A: 1\nnot a field\nB: 2\n");
    ASSERT_EQ(no_blank.headers.size(), 1U);
    EXPECT_EQ(no_blank.body, "not a field\nB: 2\n");
}

TEST(Entity, FieldNamesAreAscii) {
    // An 8-bit field name is no field: all of it is body.
    std::string_view eight_bit = "Fr\xc3\xb6m: a\nTo: b\n\nbody";
    EXPECT_TRUE(parse_entity(eight_bit).headers.empty());
    EXPECT_EQ(parse_entity(eight_bit).body, eight_bit);
    // A first line starting with a blank is no field either.
    EXPECT_TRUE(parse_entity(" A: 1\n\nbody").headers.empty());
    // Blanks before the colon (obsolete syntax) are allowed and not part of the name.
    auto obs = parse_entity("Subject : hi\n\n");
    ASSERT_EQ(obs.headers.size(), 1U);
    EXPECT_EQ(obs.headers[0].name, "Subject");
    // 8-bit bytes in a value are kept as they are.
    EXPECT_EQ(parse_entity("Subject: gr\xc3\xbc\xc3\x9f\n\n").get("Subject"), "gr\xc3\xbc\xc3\x9f");
}

TEST(Entity, DuplicateFieldsFirstCounts) {
    auto dup = parse_entity("To: b\nContent-Type: multipart/signed; boundary=x\nTo: c\n"
                            "Content-Type: text/plain\n\n");
    EXPECT_EQ(dup.get_all("to"), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(dup.count("content-type"), 2U);
    EXPECT_TRUE(content_type_of(dup).is("multipart", "signed"));
}

TEST(ContentType, ParametersAndOddTypes) {
    auto ct = parse_content_type("Application/PKCS7-MIME; Smime-Type=enveloped-data; name=\"a\\\"b.p7m\"");
    EXPECT_TRUE(ct.is("application", "pkcs7-mime"));
    EXPECT_EQ(ct.param("smime-type"), "enveloped-data");
    EXPECT_EQ(ct.param("name"), "a\"b.p7m");
    EXPECT_TRUE(ct.has_param("name"));
    EXPECT_FALSE(ct.has_param("charset"));
    // Missing or unparsable: text/plain.
    EXPECT_TRUE(parse_content_type("").is("text", "plain"));
    EXPECT_TRUE(content_type_of(parse_entity("A: 1\n\n")).is("text", "plain"));
    // RFC 2231 continuations are joined.
    EXPECT_EQ(parse_content_type("multipart/mixed; boundary*0=ab; boundary*1=cd").param("boundary"), "abcd");
}

TEST(ContentType, RepeatedParameterFirstCounts) {
    for (const char* name : {"boundary", "protocol", "smime-type"}) {
        std::string value = std::string("multipart/signed; ") + name + "=first; " + name + "=second";
        EXPECT_EQ(parse_content_type(value).param(name), "first") << value;
    }
}

TEST(Multipart, DelimitersAndMissingClose) {
    auto mp = split_multipart("pre\r\n--b\r\none\r\n--b \r\ntwo\r\n--b--\r\nepi", "b");
    ASSERT_TRUE(mp);
    EXPECT_EQ(mp->parts, (std::vector<std::string_view>{"one", "two"}));
    EXPECT_EQ(mp->preamble, "pre");
    EXPECT_EQ(mp->epilogue, "epi");
    EXPECT_FALSE(split_multipart("--b\r\none\r\n", "b"));     // no close delimiter
    EXPECT_FALSE(split_multipart("one\r\ntwo\r\n", "b"));     // no delimiter at all
    EXPECT_FALSE(split_multipart("--b\r\none\r\n--b--", ""));  // no boundary
    // "--bx" is not a delimiter line of boundary "b".
    auto longer = split_multipart("--b\r\n--bx\r\n--b--\r\n", "b");
    ASSERT_TRUE(longer);
    EXPECT_EQ(longer->parts, (std::vector<std::string_view>{"--bx"}));
}

// From the sign/verify helpers' tests: the same reader as verify uses it.
TEST(MimeEntity, HeadersBodyAndFolding) {
    std::string_view bytes = "From: a@b\r\nSubject: one\r\n two\r\n\r\nbody\r\n";
    Entity e = parse_entity(bytes);
    ASSERT_EQ(e.headers.size(), 2u);
    EXPECT_EQ(unfold(e.find("subject")->value), "one two");
    EXPECT_EQ(e.body, "body\r\n");
    EXPECT_EQ(e.eol, "\r\n");
    EXPECT_EQ(std::string(e.header_block), "From: a@b\r\nSubject: one\r\n two\r\n");
}

TEST(MimeEntity, NoHeadersIsAllBody) {
    Entity e = parse_entity("just text\n");
    EXPECT_TRUE(e.headers.empty());
    EXPECT_EQ(e.body, "just text\n");
    EXPECT_EQ(content_type_of(e).type, "text");  // SPEC: no Content-Type is text/plain
}

TEST(MimeMultipart, PartsExcludeTheDelimiterLineEnd) {
    std::string_view body = "pre\r\n--b\r\nA\r\n\r\nx\r\n--b\r\nB\r\n--b--\r\nepi";
    auto parts = split_multipart(body, "b");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->parts.size(), 2u);
    EXPECT_EQ(parts->parts[0], "A\r\n\r\nx");
    EXPECT_EQ(parts->parts[1], "B");
    EXPECT_EQ(parts->epilogue, "epi");
}

TEST(MimeMultipart, BoundaryInsideALineIsNotADelimiter) {
    auto parts = split_multipart("--b\nx --b\n--bz\n--b--\n", "b");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->parts.size(), 1u);
    EXPECT_EQ(parts->parts[0], "x --b\n--bz");
}

TEST(MimeMultipart, MissingCloseDelimiterFails) {
    EXPECT_FALSE(split_multipart("--b\nx\n--b\ny\n", "b"));
    EXPECT_FALSE(split_multipart("no delimiters", "b"));
}

// Dashes everywhere (the delimiter's first byte): the search falls back to
// memmem after many near misses, and still finds every delimiter, at a
// window's edge too.
TEST(MimeMultipart, DelimitersAmongManyDashes) {
    std::string dashes(300000, '-');
    std::string near_misses;
    for (int i = 0; i < 20000; ++i) {
        near_misses += "--boundar-\n";
    }
    std::string body = "--boundary\n" + dashes + "\n--boundary\n" + near_misses + "\n--boundary--\n";
    auto parts = split_multipart(body, "boundary");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->parts.size(), 2u);
    EXPECT_EQ(parts->parts[0], dashes);
    EXPECT_EQ(parts->parts[1], near_misses);
    // a delimiter straddling the 2 MiB search windows
    std::string filler((std::size_t{2} << 20) - 5, 'x');
    std::string edge = "--boundary\n" + filler + "\n--boundary--\n";
    auto split = split_multipart(edge, "boundary");
    ASSERT_TRUE(split);
    EXPECT_EQ(split->parts, (std::vector<std::string_view>{filler}));
}

TEST(Multipart, AnyPartSearchesNestedMultipartsButNotAttachedMessages) {
    std::string message = "Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: text/plain\n\nx\n"
                          "--a\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/html\n\n"
                          "<p>x</p>\n--b--\n--a\nContent-Type: message/rfc822\n\nContent-Type: image/png\n\nP\n--a--\n";
    Entity entity = parse_entity(message);
    ContentType type = content_type_of(entity);
    auto is = [](const char* t, const char* s) {
        return [t, s](const Entity&, const ContentType& part) { return part.is(t, s); };
    };
    EXPECT_TRUE(any_part(entity, type, is("text", "plain"), 64));
    EXPECT_TRUE(any_part(entity, type, is("text", "html"), 64));   // one multipart down
    EXPECT_FALSE(any_part(entity, type, is("text", "html"), 0));   // not with no depth to go down
    EXPECT_FALSE(any_part(entity, type, is("image", "png"), 64));  // inside the attached message
    EXPECT_FALSE(any_part(parse_entity("Content-Type: text/plain\n\nx"), ContentType{}, is("text", "plain"), 64));
}

// On well-formed messages the header fields are the ones GMime's parser
// finds, in order, with the same values (GMime files Content-* under the
// top MIME part). Where the rules above differ (8-bit names, a first line
// starting with a blank) GMime is lenient and we are not, on purpose.
std::vector<std::pair<std::string, std::string>> gmime_fields(const std::string& message) {
    GMimeStream* stream = g_mime_stream_mem_new_with_buffer(message.data(), message.size());
    GMimeParser* parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage* parsed = g_mime_parser_construct_message(parser, nullptr);
    std::vector<std::pair<std::string, std::string>> out;
    for (GMimeObject* object : {GMIME_OBJECT(parsed), g_mime_message_get_mime_part(parsed)}) {
        GMimeHeaderList* list = g_mime_object_get_header_list(object);
        for (int i = 0; i < g_mime_header_list_get_count(list); ++i) {
            GMimeHeader* header = g_mime_header_list_get_header_at(list, i);
            std::string name = g_mime_header_get_name(header);
            if ((object == GMIME_OBJECT(parsed)) != istarts_with(name, "Content-")) {
                out.emplace_back(name, unfold(g_mime_header_get_raw_value(header)));
            }
        }
    }
    g_object_unref(parsed);
    g_object_unref(parser);
    g_object_unref(stream);
    return out;
}

TEST(Entity, SameFieldsAsGMimesParser) {
    for (std::string eol : {"\r\n", "\n"}) {
        std::string message = "Received: from a (a [192.0.2.1])" + eol + "\tby b; Mon, 7 Dec 2026 06:00:00 +0000" + eol +
                              "From: Alice <alice@example.org>" + eol + "To: Bob <bob@example.org>," + eol +
                              " Carol <carol@example.org>" + eol + "Subject: =?utf-8?q?gr=C3=BC=C3=9Fe?=" + eol +
                              "MIME-Version: 1.0" + eol + "Content-Type: multipart/signed;" + eol +
                              " protocol=\"application/pkcs7-signature\"; boundary=b1" + eol +
                              "X-Empty:" + eol + eol + "--b1" + eol + "Content-Type: text/plain" + eol + eol + "x" +
                              eol + "--b1--" + eol;
        std::vector<std::pair<std::string, std::string>> ours;
        for (const auto& field : parse_entity(message).headers) {
            ours.emplace_back(std::string(field.name), unfold(field.value));
        }
        // GMime's order: the message's fields, then the Content-* ones.
        std::stable_partition(ours.begin(), ours.end(), [](const auto& f) { return !istarts_with(f.first, "Content-"); });
        EXPECT_EQ(ours, gmime_fields(message));
    }
}

}  // namespace
}  // namespace smime::mime
