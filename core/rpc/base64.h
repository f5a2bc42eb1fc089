// Base64 for the RPC (metainfo uploads, Basic auth, the pieces bitfield), on Boost.Beast's codec.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shoal::rpc {

std::string base64Encode(std::string_view bytes);
// nullopt when the text is not base64 (whitespace, as MIME line breaks, is skipped).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace shoal::rpc
