#include "mime/seven_bit.hpp"

#include <memory>

#include <gmime/gmime.h>

#include <smime/error.hpp>

#include "gmime/init.hpp"
#include "gmime/object_ptr.hpp"

namespace smime::mime {

namespace {

// Format options are a boxed type, not a GObject: a small owner of its own.
struct FormatOptionsFree {
    void operator()(GMimeFormatOptions* p) const noexcept { g_mime_format_options_free(p); }
};
using FormatOptions = std::unique_ptr<GMimeFormatOptions, FormatOptionsFree>;

void reencode(GMimeObject* object) {
    if (GMIME_IS_MULTIPART(object)) {
        auto* multipart = GMIME_MULTIPART(object);
        int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; ++i) {
            reencode(g_mime_multipart_get_part(multipart, i));
        }
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage* message = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (message != nullptr && g_mime_message_get_mime_part(message) != nullptr) {
            reencode(g_mime_message_get_mime_part(message));
        }
        return;
    }
    if (!GMIME_IS_PART(object)) {
        return;
    }
    auto* part = GMIME_PART(object);
    GMimeContentEncoding encoding = g_mime_part_get_content_encoding(part);
    if (encoding == GMIME_CONTENT_ENCODING_BASE64 || encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
        encoding == GMIME_CONTENT_ENCODING_UUENCODE) {
        return;  // already 7-bit safe
    }
    GMimeContentEncoding best = g_mime_part_get_best_content_encoding(part, GMIME_ENCODING_CONSTRAINT_7BIT);
    if (best != GMIME_CONTENT_ENCODING_7BIT) {
        g_mime_part_set_content_encoding(part, best);
    }
}

}  // namespace

std::string make_7bit_safe(std::string_view entity_bytes) {
    gmime::ensure_initialised();
    auto stream = gmime::ObjectPtr<GMimeStream>::adopt(
        g_mime_stream_mem_new_with_buffer(entity_bytes.data(), entity_bytes.size()));
    auto parser = gmime::ObjectPtr<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    auto object = gmime::ObjectPtr<GMimeObject>::adopt(g_mime_parser_construct_part(parser.get(), nullptr));
    if (!object) {
        throw Error(Errc::parse, "the message could not be parsed as MIME");
    }
    reencode(object.get());

    FormatOptions options(g_mime_format_options_new());
    g_mime_format_options_set_newline_format(options.get(), GMIME_NEWLINE_FORMAT_DOS);
    auto out = gmime::ObjectPtr<GMimeStream>::adopt(g_mime_stream_mem_new());
    if (g_mime_object_write_to_stream(object.get(), options.get(), out.get()) < 0) {
        throw Error(Errc::io, "the message could not be re-encoded");
    }
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

}  // namespace smime::mime
