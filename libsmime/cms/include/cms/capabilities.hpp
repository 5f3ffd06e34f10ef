// SMIMECapabilities (RFC 8551 §2.5.2): what we announce in our signatures so
// that peers pick a cipher our decrypt supports.
#pragma once

#include <smime/cert_info.hpp>

namespace smime::signature {

inline constexpr const char* k_oid_smime_capabilities = "1.2.840.113549.1.9.15";

// DER of SEQUENCE OF SMIMECapability, strongest first: AES-256-GCM,
// AES-128-GCM, AES-256-CBC, AES-128-CBC (legacy 3DES/RC2 are read but never
// invited).
Bytes our_capabilities_der();

// DER of an OBJECT IDENTIFIER in dotted form ("2.16.840.1.101.3.4.1.42").
Bytes der_oid(const char* dotted);

}  // namespace smime::signature
