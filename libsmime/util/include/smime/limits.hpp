// Every limit smime enforces on what it reads, in one place, each with why
// it has its value. Beyond a limit an operation ends cleanly: verify and
// decrypt report `failed` with a reason and keep the message, imports
// refuse the file. Documented in smime(1) LIMITS and smime.conf(5).
#pragma once

#include <cstddef>
#include <cstdint>

namespace smime::limits {

// MIME nesting (multipart and message/rfc822 levels). Real mail, forwarded
// a few times with signatures and encryption, stays below 20; the walks
// over the structure recurse, so a bound keeps stack and time (each level
// scans the rest of the message once) small.
inline constexpr int k_max_mime_depth = 64;

// Default for max-message-size in smime.conf / --max-message-size. Every
// operation works in bounded memory (10-20 MiB of peak RSS whatever the
// size, bench/README.md), so this bounds time (about 4 s per GiB on the
// benchmark machine) and temporary space (decrypt: up to three times the
// message in $TMPDIR), not memory; far above what mail servers accept
// (typically 25-50 MB).
inline constexpr std::uint64_t k_default_max_message_size = std::uint64_t{1} << 30;

// SignerInfos checked in one SignedData. Each costs a signature check and a
// path validation; real mail has one, rarely two.
inline constexpr std::size_t k_max_signer_infos = 16;

// Certificates carried in one SignedData. A signer sends its chain (2-4);
// each carried certificate is parsed and may be tried as an issuer.
inline constexpr std::size_t k_max_signed_data_certificates = 64;

// RecipientInfos looked at in one EnvelopedData/AuthEnvelopedData. Each
// costs keyring lookups (and at most one key unwrap per matching key);
// mailing-list mail to a few hundred recipients must still open.
inline constexpr std::size_t k_max_recipient_infos = 1024;

// Certificates in one file given to import-cert. A CA bundle (Mozilla's
// has ~150), a company directory, or the 10,000-certificate bundle of the
// keyring benchmark fits in one call; each is parsed and stored under the
// keyring lock, which other writers wait for.
inline constexpr std::size_t k_max_import_certificates = 20000;

// A CRL downloaded from a certificate's distribution point. Held in memory
// while it is checked; large CAs publish CRLs of a few MiB.
inline constexpr std::size_t k_max_fetched_crl_size = std::size_t{32} << 20;

}  // namespace smime::limits
