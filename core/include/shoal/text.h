// Text from outside (torrent names, paths, URLs, tracker messages, peer client names) is carried as bytes;
// where it must be text (JSON, the GUI, logs) it goes through validUtf8 first.
#pragma once

#include <string>
#include <string_view>

namespace shoal {

// `bytes` with every ill-formed UTF-8 sequence replaced by U+FFFD, following Unicode's "maximal subpart"
// practice (the same as the WHATWG decoder and Qt): overlong forms, surrogates (ED A0..BF), code points
// above U+10FFFF, stray continuation bytes and truncated sequences each become one U+FFFD per maximal
// ill-formed subpart. Valid input comes back unchanged, NUL bytes included.
std::string validUtf8(std::string_view bytes);

// True when validUtf8(bytes) == bytes.
bool isValidUtf8(std::string_view bytes);

}  // namespace shoal
