#include "mime/codec.hpp"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

bool decode_body_to(Sink& out, std::string_view body, std::string_view transfer_encoding) {
    if (!iequals(transfer_encoding, "base64")) {
        auto decoded = decode_body(body, transfer_encoding);
        if (decoded) {
            out.write({reinterpret_cast<const char*>(decoded->data()), decoded->size()});
        }
        return decoded.has_value();
    }
    try {
        base64_decode_to(out, body, Base64Padding::lenient, "the body");
        return true;
    } catch (const Error& e) {
        if (e.code() != Errc::parse) {
            throw;  // out could not take it
        }
        return false;
    }
}

namespace {

// The state of the 7-bit check between bytes: where the current line
// started, and whether the byte before was a CR (which needs an LF next).
struct SevenBitScan {
    std::size_t line_start = 0;
    bool after_cr = false;

    // An LF at pos ends a line: at most 998 octets before its CR (RFC 5322 §2.1.1).
    bool line_ends(const char* data, std::size_t pos) noexcept {
        std::size_t length = pos - line_start;
        if (length > 998 && length - (data[pos - 1] == '\r' ? 1 : 0) > 998) {
            return false;
        }
        line_start = pos + 1;
        return true;
    }

    bool byte(const char* data, std::size_t pos) noexcept {
        auto c = static_cast<unsigned char>(data[pos]);
        if (c == 0 || c >= 0x80 || (after_cr && c != '\n')) {
            return false;
        }
        after_cr = c == '\r';
        return c != '\n' || line_ends(data, pos);
    }
};

}  // namespace

bool is_7bit_safe(std::string_view text) noexcept {
    // One pass, 16 bytes at a time: this runs over every message we sign,
    // up to 100 MB, and was as costly as hashing it when it took four.
    const char* data = text.data();
    std::size_t size = text.size();
    SevenBitScan scan;
    std::size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= size; i += 16) {
        __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        unsigned bad = static_cast<unsigned>(_mm_movemask_epi8(block)) |
                       static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_setzero_si128())));
        unsigned cr = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('\r'))));
        unsigned lf = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('\n'))));
        // every CR but the block's last has its LF right after it
        if (bad != 0 || (scan.after_cr && (lf & 1) == 0) || (cr & ~(lf >> 1) & 0x7fff) != 0) {
            return false;
        }
        scan.after_cr = (cr & 0x8000) != 0;
        for (unsigned ends = lf; ends != 0; ends &= ends - 1) {
            if (!scan.line_ends(data, i + static_cast<std::size_t>(__builtin_ctz(ends)))) {
                return false;
            }
        }
    }
#endif
    for (; i < size; ++i) {
        if (!scan.byte(data, i)) {
            return false;
        }
    }
    // no lone CR at the end, and the last line (without LF) not too long
    return !scan.after_cr && size - scan.line_start <= 998;
}

}  // namespace smime::mime
