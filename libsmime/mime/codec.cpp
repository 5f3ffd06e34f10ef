#include "mime/codec.hpp"

#include <cstring>

#include <smime/error.hpp>

#include "mime/base64.hpp"
#include "mime/entity.hpp"

namespace smime::mime {

namespace {

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::vector<std::uint8_t> decode_qp(std::string_view text) {
    std::vector<std::uint8_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c != '=') {
            out.push_back(static_cast<std::uint8_t>(c));
            continue;
        }
        if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<std::uint8_t>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
            continue;
        }
        // Soft line break: "=" then optional blanks then a line end.
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) {
            ++j;
        }
        if (j < text.size() && text[j] == '\r') {
            ++j;
        }
        if (j < text.size() && text[j] == '\n') {
            i = j;
            continue;
        }
        if (j == text.size()) {
            break;
        }
        out.push_back('=');  // a stray '=' is kept as is
    }
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
