// validUtf8: outside bytes become text with one U+FFFD per maximal ill-formed subpart (Unicode 3.9), and
// valid text passes unchanged. The corner cases are the ones decoders have historically got wrong.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "shoal/text.h"

namespace shoal {
namespace {

const std::string R = "\xEF\xBF\xBD";  // U+FFFD

TEST(ValidUtf8, KeepsValidTextByteForByte) {
    const std::string samples[] = {
        "",
        "plain ascii",
        std::string("nul\0inside", 10),
        "\xC2\x80",                  // U+0080, the smallest two-byte form
        "caf\xC3\xA9 \xE2\x82\xAC",  // café €
        "\xE0\xA0\x80",              // U+0800, the smallest three-byte form
        "\xED\x9F\xBF",              // U+D7FF, just below the surrogates
        "\xEE\x80\x80",              // U+E000, just above them
        "\xEF\xBF\xBF",              // U+FFFF
        "\xF0\x90\x80\x80",          // U+10000, the smallest four-byte form
        "\xF0\x9F\x8C\x8A",          // 🌊
        "\xF4\x8F\xBF\xBF",          // U+10FFFF, the largest code point
    };
    for (const std::string& s : samples) {
        EXPECT_EQ(validUtf8(s), s);
        EXPECT_TRUE(isValidUtf8(s));
    }
}

struct Case {
    const char* what;
    std::string in;
    std::string out;
};

TEST(ValidUtf8, ReplacesEachIllFormedSubpart) {
    const Case cases[] = {
        {"lone 0xFF", "a\xFF" "b", "a" + R + "b"},
        {"lone 0xFE", "\xFE", R},
        {"stray continuation", "\x80", R},
        {"two stray continuations", "\x80\xBF", R + R},
        {"overlong NUL (C0 80)", "\xC0\x80", R + R},
        {"overlong slash (C1 AF)", "\xC1\xAF", R + R},
        {"overlong three-byte (E0 80 AF)", "\xE0\x80\xAF", R + R + R},
        {"overlong four-byte (F0 80 80 AF)", "\xF0\x80\x80\xAF", R + R + R + R},
        {"high surrogate U+D800", "\xED\xA0\x80", R + R + R},
        {"low surrogate U+DFFF", "\xED\xBF\xBF", R + R + R},
        {"surrogate pair in CESU-8", "\xED\xA0\xBD\xED\xB8\x80", R + R + R + R + R + R},
        {"U+110000", "\xF4\x90\x80\x80", R + R + R + R},
        {"F5 lead", "\xF5\x80\x80\x80", R + R + R + R},
        {"five-byte form", "\xF8\x88\x80\x80\x80", R + R + R + R + R},
        {"truncated two-byte at end", "x\xC3", "x" + R},
        {"truncated three-byte at end", "x\xE2\x82", "x" + R},
        {"truncated four-byte at end", "x\xF0\x9F\x8C", "x" + R},
        {"truncated three-byte before ASCII", "\xE2\x82z", R + "z"},
        {"truncated sequence before a valid one", "\xE2\x82\xC3\xA9", R + "\xC3\xA9"},
        {"lead followed by a lead", "\xC3\xC3\xA9", R + "\xC3\xA9"},
        {"percent-decoded dn=%ff", "name\xFF", "name" + R},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        EXPECT_EQ(validUtf8(c.in), c.out);
        EXPECT_FALSE(isValidUtf8(c.in));
        EXPECT_TRUE(isValidUtf8(validUtf8(c.in)));
    }
}

TEST(ValidUtf8, ItsOutputIsSomethingJsonCanDump) {
    // nlohmann::json throws type_error 316 on invalid UTF-8 by default: what aborted `--json` output.
    const std::string hostile = "\xFF\xC0\x80\xED\xA0\x80\xF4\x90\x80\x80\xE2\x82";
    EXPECT_THROW(nlohmann::json(hostile).dump(), nlohmann::json::type_error);
    EXPECT_NO_THROW(nlohmann::json(validUtf8(hostile)).dump());
}

}  // namespace
}  // namespace shoal
