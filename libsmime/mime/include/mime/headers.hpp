// Header-level edits on raw entities: removing forged X-SMIME-* fields at
// every depth, and writing our own X-SMIME-* field.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <smime/sink.hpp>

#include "mime/entity.hpp"

namespace smime::mime {

bool is_smime_header(std::string_view name) noexcept;

// True when some line of the bytes starts with "X-SMIME-" (any case): a cheap
// test that lets the common case skip the rewrite below.
bool mentions_smime_header(std::string_view bytes) noexcept;

// The entity with every X-SMIME-* header field removed, in its own header
// section and in every nested part (multipart bodies, message/rfc822).
// All other bytes stay as they are.
std::string strip_smime_headers(std::string_view entity_bytes);
// The same, appended to out.
void append_without_smime_headers(std::string& out, std::string_view entity_bytes);
// The same, written to out a few MiB at a time (bounded memory at any size).
void write_without_smime_headers(Sink& out, std::string_view entity_bytes);

// The header section without X-SMIME-* fields (raw bytes of the others).
std::string header_block_without_smime(const Entity& entity);

// `X-SMIME-Signature: ok; signer="a@b"; fingerprint="…"`: a status keyword
// then quoted parameters (quotes and backslashes escaped, line ends dropped).
std::string status_header(std::string_view name, std::string_view status,
                          const std::vector<std::pair<std::string, std::string>>& params, std::string_view eol);

// True for the Content-* fields that describe the body (they travel with the
// signed entity, not with the outer message).
bool is_content_header(std::string_view name) noexcept;

}  // namespace smime::mime
