// Base64 on boost::beast::detail::base64 (header-only in Boost 1.74), with strict input checking: Beast's
// decoder stops at the first bad character, which we turn into an error instead of a short result.
#include "rpc/base64.h"

#include <boost/beast/core/detail/base64.hpp>
#include <cctype>

namespace shoal::rpc {

namespace b64 = boost::beast::detail::base64;

std::string base64Encode(std::string_view bytes) {
    std::string out(b64::encoded_size(bytes.size()), '\0');
    out.resize(b64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) clean += c;
    std::string out(b64::decoded_size(clean.size()), '\0');
    const auto [written, read] = b64::decode(out.data(), clean.data(), clean.size());
    // Beast stops reading at the first '=' or invalid character: only padding may be left over.
    for (std::size_t i = read; i < clean.size(); ++i)
        if (clean[i] != '=') return std::nullopt;
    out.resize(written);
    return out;
}

}  // namespace shoal::rpc
