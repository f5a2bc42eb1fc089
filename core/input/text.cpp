// validUtf8: the one place where outside bytes become text (Unicode 15, section 3.9, table 3-7).
#include "shoal/text.h"

#include <cstddef>

namespace shoal {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// How many bytes of bytes[at..] form one well-formed sequence; 0 when the sequence is ill-formed, with
// `bad` set to the length of its maximal subpart (at least 1), the bytes one U+FFFD stands for.
std::size_t wellFormedLength(std::string_view bytes, std::size_t at, std::size_t& bad) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte; later ones are 80..BF
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead == 0xE0)
        length = 3, low = 0xA0;  // below A0: overlong
    else if (lead == 0xED)
        length = 3, high = 0x9F;  // above 9F: UTF-16 surrogates
    else if (lead >= 0xE1 && lead <= 0xEF)
        length = 3;
    else if (lead == 0xF0)
        length = 4, low = 0x90;  // below 90: overlong
    else if (lead == 0xF4)
        length = 4, high = 0x8F;  // above 8F: beyond U+10FFFF
    else if (lead >= 0xF1 && lead <= 0xF3)
        length = 4;
    else {  // 80..BF (a stray continuation), C0, C1 (overlong), F5..FF (beyond U+10FFFF)
        bad = 1;
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const bool inRange = at + k < bytes.size() && byte(at + k) >= (k == 1 ? low : 0x80) &&
                             byte(at + k) <= (k == 1 ? high : 0xBF);
        if (!inRange) {
            bad = k;
            return 0;
        }
    }
    return length;
}

}  // namespace

std::string validUtf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t at = 0; at < bytes.size();) {
        std::size_t bad = 0;
        const std::size_t length = wellFormedLength(bytes, at, bad);
        if (length > 0) {
            out.append(bytes.substr(at, length));
            at += length;
        } else {
            out.append(kReplacement);
            at += bad;
        }
    }
    return out;
}

bool isValidUtf8(std::string_view bytes) {
    for (std::size_t at = 0; at < bytes.size();) {
        std::size_t bad = 0;
        const std::size_t length = wellFormedLength(bytes, at, bad);
        if (length == 0) return false;
        at += length;
    }
    return true;
}

}  // namespace shoal
