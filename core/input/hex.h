// Hex helpers shared by the creation and metainfo code: info-hashes travel as lowercase hex strings.
#pragma once

#include <string>
#include <string_view>

namespace shoal::detail {

inline std::string toHex(const char* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(size * 2, '0');
    for (std::size_t i = 0; i < size; ++i) {
        auto byte = static_cast<unsigned char>(data[i]);
        out[2 * i] = kDigits[byte >> 4];
        out[2 * i + 1] = kDigits[byte & 0xf];
    }
    return out;
}

// Works for lt::sha1_hash and lt::sha256_hash (both have data() and size()).
template <class Digest>
std::string digestHex(const Digest& digest) {
    return toHex(digest.data(), static_cast<std::size_t>(digest.size()));
}

inline bool isHex(std::string_view text) {
    for (char c : text) {
        bool digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!digit) return false;
    }
    return true;
}

// Lowercase or uppercase hex -> bytes; empty for odd lengths or non-hex characters.
inline std::string fromHex(std::string_view hex) {
    if (hex.size() % 2 != 0 || !isHex(hex)) return {};
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(nibble(hex[2 * i]) * 16 + nibble(hex[2 * i + 1]));
    return out;
}

}  // namespace shoal::detail
