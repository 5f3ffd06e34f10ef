#include "mime/codec.hpp"

#include <cstring>

#include <gmime/gmime.h>

#include "gmime/init.hpp"

#include <smime/error.hpp>

#include "mime/base64.hpp"
#include "mime/entity.hpp"

namespace smime::mime {

namespace {

// Quoted-printable (RFC 2045 §6.7) by GMime's decoder, the one GMime's
// parser applies everywhere else: soft line breaks removed, "=XX" decoded,
// a stray "=" kept.
std::vector<std::uint8_t> decode_qp(std::string_view text) {
    gmime::ensure_initialised();
    GMimeEncoding state;
    g_mime_encoding_init_decode(&state, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    std::vector<std::uint8_t> out(g_mime_encoding_outlen(&state, text.size()) + 4);
    std::size_t n = g_mime_encoding_step(&state, text.data(), text.size(), reinterpret_cast<char*>(out.data()));
    n += g_mime_encoding_flush(&state, nullptr, 0, reinterpret_cast<char*>(out.data()) + n);
    out.resize(n);
    return out;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> decode_body(std::string_view body, std::string_view transfer_encoding) {
    if (iequals(transfer_encoding, "base64")) {
        try {
            return base64_decode(body, Base64Padding::lenient);
        } catch (const Error&) {  // the decoder throws only Errc::parse
            return std::nullopt;
        }
    }
    if (iequals(transfer_encoding, "quoted-printable")) {
        return decode_qp(body);
    }
    return std::vector<std::uint8_t>(body.begin(), body.end());
}

bool is_7bit_safe(std::string_view text) noexcept {
    // Word-at-a-time for the high bit, memchr for NUL, CR and line lengths:
    // this runs over every message we sign, up to 100 MB.
    const char* data = text.data();
    std::size_t size = text.size();
    std::size_t i = 0;
    std::uint64_t high = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + i, 8);
        high |= word;
    }
    for (; i < size; ++i) {
        high |= static_cast<unsigned char>(data[i]);
    }
    if ((high & 0x8080808080808080ULL) != 0 || std::memchr(data, '\0', size) != nullptr) {
        return false;
    }
    for (const char* cr = data; (cr = static_cast<const char*>(std::memchr(cr, '\r', size - static_cast<std::size_t>(cr - data)))) != nullptr; ++cr) {
        if (cr + 1 >= data + size || cr[1] != '\n') {
            return false;  // a lone CR
        }
    }
    const char* line = data;
    const char* end = data + size;
    while (line < end) {
        const char* newline = static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
        const char* stop = newline == nullptr ? end : newline;
        if (stop - line > 998) {  // longer than 998 octets, unless the last is a CR
            std::size_t length = static_cast<std::size_t>(stop - line) - (stop[-1] == '\r' ? 1 : 0);
            if (length > 998) {
                return false;
            }
        }
        line = stop + 1;
    }
    return true;
}

}  // namespace smime::mime
