// Our MIME readers against GMime's on the same bytes, in one process:
// base64 decoding of a large body (mime/base64 vs GMime's base64 decoder)
// and reading a message's header section (mime::parse_entity vs GMime's
// parser). Each pair must give the same result, or the program fails.
// Run by bench/mime-decoders; results in bench/README.md.
#include <gmime/gmime.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "mime/base64.hpp"
#include "mime/entity.hpp"

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double best_ms(int rounds, F&& f) {
    double best = 1e18;
    for (int i = 0; i < rounds; ++i) {
        auto start = Clock::now();
        f();
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return best;
}

std::vector<std::uint8_t> gmime_base64_decode(const std::string& text) {
    std::vector<std::uint8_t> out(text.size() / 4 * 3 + 4);
    int state = 0;
    guint32 save = 0;
    std::size_t n = g_mime_encoding_base64_decode_step(reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                                       out.data(), &state, &save);
    out.resize(n);
    return out;
}

// The fields GMime's parser finds: the message's, and the Content-* ones
// it files under the top MIME part (tests/mime/test_entity.cpp checks that
// they are ours, value for value).
std::size_t gmime_field_count(const std::string& message) {
    GMimeStream* stream = g_mime_stream_mem_new_with_buffer(message.data(), message.size());
    GMimeParser* parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage* parsed = g_mime_parser_construct_message(parser, nullptr);
    std::size_t count = 0;
    for (GMimeObject* object : {GMIME_OBJECT(parsed), g_mime_message_get_mime_part(parsed)}) {
        GMimeHeaderList* list = g_mime_object_get_header_list(object);
        for (int i = 0; i < g_mime_header_list_get_count(list); ++i) {
            const char* name = g_mime_header_get_name(g_mime_header_list_get_header_at(list, i));
            count += (object == GMIME_OBJECT(parsed)) != (g_ascii_strncasecmp(name, "Content-", 8) == 0) ? 1 : 0;
        }
    }
    g_object_unref(parsed);
    g_object_unref(parser);
    g_object_unref(stream);
    return count;
}

std::size_t our_field_count(const std::string& message) { return smime::mime::parse_entity(message).headers.size(); }

}  // namespace

int main() {
    g_mime_init();
    std::mt19937_64 random(42);
    std::vector<std::uint8_t> data(64 << 20);
    for (auto& byte : data) {
        byte = static_cast<std::uint8_t>(random());
    }
    const std::string text = smime::mime::base64_encode(data, "\r\n");  // 76-column lines, as mail carries it

    std::vector<std::uint8_t> ours;
    std::vector<std::uint8_t> theirs;
    double ours_ms = best_ms(5, [&] { ours = smime::mime::base64_decode(text); });
    double gmime_ms = best_ms(5, [&] { theirs = gmime_base64_decode(text); });
    if (ours != data || theirs != data) {
        std::fprintf(stderr, "base64: the decoders disagree\n");
        return 1;
    }
    std::printf("base64 decode, 64 MiB (88 MiB of text): smime %.1f ms (%.0f MiB/s), GMime %.1f ms (%.0f MiB/s), "
                "ratio %.2f\n",
                ours_ms, 64e3 / ours_ms, gmime_ms, 64e3 / gmime_ms, ours_ms / gmime_ms);

    std::string message = "Return-Path: <alice@example.org>\r\n";
    for (int i = 0; i < 20; ++i) {
        message += "Received: from relay" + std::to_string(i) + ".example.org (relay" + std::to_string(i) +
                   ".example.org [192.0.2." + std::to_string(i) + "])\r\n\tby mx.example.net with ESMTPS id " +
                   std::to_string(1000 + i) + "\r\n\tfor <bob@example.net>; Mon, 7 Dec 2026 06:00:00 +0000\r\n";
    }
    message += "From: Alice <alice@example.org>\r\nTo: Bob <bob@example.net>\r\nSubject: numbers\r\n"
               "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\";\r\n"
               " micalg=sha-256; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n" +
               std::string(8192, 'x') + "\r\n--b1--\r\n";
    std::size_t ours_h = 0;
    std::size_t theirs_h = 0;
    const int n = 2000;
    double ours_h_ms = best_ms(5, [&] {
        for (int i = 0; i < n; ++i) {
            ours_h = our_field_count(message);
        }
    });
    double gmime_h_ms = best_ms(5, [&] {
        for (int i = 0; i < n; ++i) {
            theirs_h = gmime_field_count(message);
        }
    });
    if (ours_h != theirs_h) {
        std::fprintf(stderr, "headers: %zu fields here, %zu for GMime\n", ours_h, theirs_h);
        return 1;
    }
    std::printf("header section of a %zu-byte message (%zu fields), %d times: smime %.1f ms (%.1f us each), "
                "GMime %.1f ms (%.1f us each), ratio %.2f\n",
                message.size(), ours_h, n, ours_h_ms, ours_h_ms * 1e3 / n, gmime_h_ms, gmime_h_ms * 1e3 / n,
                ours_h_ms / gmime_h_ms);
    g_mime_shutdown();
    return 0;
}
