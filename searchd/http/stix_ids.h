// Deterministic STIX identifiers: "type--UUID" with a name-based UUID (RFC 9562 version 5, SHA-1)
// over this project's fixed namespace and the object's canonical name, so the same actor, vendor,
// region, CVE or briefing has the same id in every export.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace briefing {

// The namespace of every id we make (chosen once at random; never change it: ids would change).
inline constexpr std::string_view kStixNamespace = "8d3c5b0e-4f1a-4e7b-9a2d-6c1f0e9b7a53";

std::array<std::uint8_t, 20> sha1(std::string_view data);
// The version 5 UUID of `name` in the namespace `namespace_uuid` (canonical text form), lower case.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);
// "intrusion-set--<uuid_v5(kStixNamespace, "intrusion-set:" + name)>".
std::string stix_id(std::string_view type, std::string_view name);

}  // namespace briefing
